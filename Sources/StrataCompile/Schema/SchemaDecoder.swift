public import StrataModel

/// Turns YAML nodes into canonical ``Value``s by a ``ValueType``, reporting every type problem.
public struct SchemaDecoder {
    /// The file the nodes come from, for locations.
    public let file: String
    /// Problems found so far.
    public var diagnostics = Diagnostics()

    /// Creates a decoder for one file.
    public init(file: String) { self.file = file }

    func location(_ node: YAMLNode) -> SourceLocation { node.mark.location(in: file) }

    /// Decodes `node`; `path` names it in messages (`listeners[IncomingMail].port`). Nil when invalid.
    public mutating func decode(_ node: YAMLNode, as type: ValueType, path: String) -> Value? {
        if node.isNull {
            diagnostics.report(
                .nullValue, "'\(path)' is null", at: location(node),
                help: "write [] or {} to configure an empty value, or delete the key to inherit")
            return nil
        }
        switch type {
        case .string(let format): return decodeString(node, format: format, path: path)
        case .integer(let range): return decodeInteger(node, range: range, path: path)
        case .boolean:
            guard case .bool(let flag) = node.scalar?.resolved else { return mismatch(node, expected: "true or false", path: path) }
            return Value(.boolean(flag), at: location(node))
        case .duration: return decodeDuration(node, path: path)
        case .choice(let words):
            guard case .string(let word) = node.scalar?.resolved else {
                return mismatch(node, expected: "one of " + words.joined(separator: ", "), path: path)
            }
            guard words.contains(word) else {
                diagnostics.report(
                    .invalidValue, "'\(path)' is '\(word)', not one of \(words.joined(separator: ", "))\(Suggestion.clause(for: word, among: words))",
                    at: location(node))
                return nil
            }
            return Value(.string(word), at: location(node))
        case .secret: return decodeSecret(node, path: path)
        case .list(let element, let minimumCount): return decodeList(node, element: element, minimumCount: minimumCount, path: path)
        case .record(let schema): return decodeRecord(node, schema: schema, path: path)
        case .keyedList(let schema, let key): return decodeKeyedList(node, schema: schema, key: key, path: path)
        case .rootOrList(let element):
            if case .string("root") = node.scalar?.resolved { return Value(.string("root"), at: location(node)) }
            guard case .sequence = node.content else { return mismatch(node, expected: "a list or the word root", path: path) }
            return decodeList(node, element: element, minimumCount: 1, path: path)
        }
    }

    mutating func mismatch(_ node: YAMLNode, expected: String, path: String) -> Value? {
        var help: String?
        if case .scalar(let scalar) = node.content, scalar.style != .plain, expected.hasPrefix("an integer") || expected == "true or false" {
            help = "remove the quotes"
        } else if case .scalar(let scalar) = node.content, scalar.style == .plain, expected == "a string" {
            help = "quote the value: \"\(scalar.text)\""
        }
        diagnostics.report(.typeMismatch, "'\(path)' must be \(expected), found \(node.kindDescription)", at: location(node), help: help)
        return nil
    }

    private mutating func decodeInteger(_ node: YAMLNode, range: ClosedRange<Int>, path: String) -> Value? {
        guard case .int(let number) = node.scalar?.resolved else { return mismatch(node, expected: "an integer", path: path) }
        guard range.contains(number) else {
            diagnostics.report(
                .invalidValue, "'\(path)' is \(number), outside \(range.lowerBound)...\(range.upperBound)", at: location(node))
            return nil
        }
        return Value(.integer(number), at: location(node))
    }

    private mutating func decodeDuration(_ node: YAMLNode, path: String) -> Value? {
        switch node.scalar?.resolved {
        case .string(let text):
            guard let seconds = DurationFormat.parse(text) else {
                diagnostics.report(
                    .invalidValue, "'\(path)' is '\(text)', not a duration", at: location(node),
                    help: "write a number and a unit: 30s, 15m, 6h, 5d or 2w")
                return nil
            }
            return Value(.duration(seconds), at: location(node))
        case .int(let number):
            diagnostics.report(
                .invalidValue, "'\(path)' is the bare number \(number); a duration needs a unit", at: location(node),
                help: "write \(number)s for seconds (or m, h, d, w)")
            return nil
        default:
            return mismatch(node, expected: "a duration such as 30s or 5d", path: path)
        }
    }

    private mutating func decodeSecret(_ node: YAMLNode, path: String) -> Value? {
        guard let entries = node.mappingEntries else {
            if node.scalar != nil {
                diagnostics.report(
                    .literalSecret, "'\(path)' is a secret and cannot be written in the repository", at: location(node),
                    help: "write {env: VARIABLE} or {file: /path/to/secret}; it is resolved only when applying")
                return nil
            }
            return mismatch(node, expected: "{env: NAME} or {file: PATH}", path: path)
        }
        guard entries.count == 1, let key = entries[0].keyText, let source = SecretReference.Source(rawValue: key),
              case .string(let name) = entries[0].value.scalar?.resolved, !name.isEmpty else {
            diagnostics.report(
                .invalidValue, "'\(path)' must be exactly one of {env: NAME} or {file: PATH}", at: location(node))
            return nil
        }
        return Value(.secret(SecretReference(source: source, name: name)), at: location(node))
    }

    private mutating func decodeList(_ node: YAMLNode, element: ValueType, minimumCount: Int, path: String) -> Value? {
        guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list", path: path) }
        if items.count < minimumCount {
            diagnostics.report(.invalidValue, "'\(path)' needs at least \(minimumCount) item\(minimumCount == 1 ? "" : "s")", at: location(node))
        }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        var valid = true
        for (index, item) in items.enumerated() {
            if let value = decode(item, as: element, path: "\(path)[\(index)]") { values.append(value) } else { valid = false }
        }
        return valid ? Value(.list(values), at: location(node)) : nil
    }

    /// Decodes a mapping by a record schema: unknown keys, missing fields and defaults.
    public mutating func decodeRecord(_ node: YAMLNode, schema: RecordSchema, path: String) -> Value? {
        guard let entries = node.mappingEntries else { return mismatch(node, expected: "a mapping", path: path) }
        var given: [String: YAMLEntry] = [:]
        var valid = true
        var refusedKeyFound = false
        for entry in entries {
            guard let key = entry.keyText else { continue }
            if let refused = schema.refused[key] {
                diagnostics.report(refused.code, "'\(path).\(key)': \(refused.message)", at: location(entry.key), help: refused.help)
                valid = false
                refusedKeyFound = true
            } else if schema.field(key) == nil {
                diagnostics.report(
                    .unknownKey,
                    "unknown field '\(key)' in '\(path)'\(Suggestion.clause(for: key, among: schema.fields.map(\.name)))",
                    at: location(entry.key), help: "known fields: " + schema.fields.map(\.name).joined(separator: ", "))
                valid = false
            } else {
                given[key] = entry
            }
        }
        var fields: [Field] = []
        fields.reserveCapacity(schema.fields.count)
        for field in schema.fields {
            if let entry = given[field.name] {
                if let value = decode(entry.value, as: field.type, path: "\(path).\(field.name)") {
                    fields.append(Field(field.name, value))
                } else {
                    valid = false
                }
                continue
            }
            switch field.presence {
            case .required:
                // A refused key (`password`) already told the user what to write instead.
                if !refusedKeyFound {
                    diagnostics.report(.missingField, "'\(path)' is missing the required field '\(field.name)'", at: location(node))
                }
                valid = false
            case .optional: break
            case .defaulted(let value): fields.append(Field(field.name, value))
            }
        }
        return valid ? Value(.record(fields), at: location(node)) : nil
    }

    private mutating func decodeKeyedList(_ node: YAMLNode, schema: RecordSchema, key: String, path: String) -> Value? {
        guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list", path: path) }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        var firstSeen: [String: SourceLocation] = [:]
        var valid = true
        for (index, item) in items.enumerated() {
            let label = Self.keyText(of: item, key: key).map { "\(path)[\($0)]" } ?? "\(path)[\(index)]"
            guard let value = decodeRecord(item, schema: schema, path: label) else {
                valid = false
                continue
            }
            if let identity = value[field: key]?.stringValue {
                let here = value[field: key]?.location ?? location(item)
                if let first = firstSeen[identity] {
                    diagnostics.report(
                        .duplicateItem, "'\(path)' has two items with \(key) '\(identity)'", at: here,
                        notes: [DiagnosticNote("the first one is here", at: first)], help: "merge the two items or rename one")
                    valid = false
                } else {
                    firstSeen[identity] = here
                }
            }
            values.append(value)
        }
        return valid ? Value(.list(values), at: location(node)) : nil
    }

    private static func keyText(of item: YAMLNode, key: String) -> String? {
        item.mappingEntries?.first { $0.keyText == key }?.value.scalar?.text
    }
}
