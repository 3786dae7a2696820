public import StrataModel

/// Turns YAML nodes (and canonical JSON, `SchemaDecoder+JSON`) into canonical ``Value``s by a ``ValueType``, reporting
/// every type problem: the one type-directed decoder of the catalogue.
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
        decode(node, as: type, at: { path })
    }

    /// Decodes `node`; `path` spells its name, and is called only when a message needs it.
    mutating func decode(_ node: YAMLNode, as type: ValueType, at path: () -> String) -> Value? {
        if case .scalar(let scalar) = node.content, case .null = scalar.resolved {
            diagnostics.report(
                .nullValue, "'\(path())' is null", at: location(node),
                help: "write [] or {} to configure an empty value, or delete the key to inherit")
            return nil
        }
        switch type {
        case .string(let format): return decodeString(node, format: format, at: path)
        case .integer(let range): return decodeInteger(node, range: range, at: path)
        case .boolean:
            guard case .bool(let flag) = node.scalar?.resolved else { return mismatch(node, expected: "true or false", at: path) }
            return Value(.boolean(flag), at: location(node))
        case .duration: return decodeDuration(node, at: path)
        case .choice(let words):
            guard case .string(let word) = node.scalar?.resolved else {
                return mismatch(node, expected: "one of " + words.joined(separator: ", "), at: path)
            }
            guard words.contains(word) else {
                diagnostics.report(
                    .invalidValue, "'\(path())' is '\(word)', not one of \(words.joined(separator: ", "))\(Suggestion.clause(for: word, among: words))",
                    at: location(node))
                return nil
            }
            return Value(.string(word), at: location(node))
        case .secret: return decodeSecret(node, at: path)
        case .list(let element, let minimumCount): return decodeList(node, element: element, minimumCount: minimumCount, at: path)
        case .record(let schema): return decodeRecord(node, schema: schema, at: path)
        case .keyedList(let schema, let key): return decodeKeyedList(node, schema: schema, key: key, at: path)
        case .rootOrList(let element):
            if case .string("root") = node.scalar?.resolved { return Value(.string("root"), at: location(node)) }
            guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list or the word root", at: path) }
            if items.isEmpty {
                diagnostics.report(
                    .invalidValue, "'\(path())' is an empty list", at: location(node),
                    help: "list at least one server, or write `root` to use the Internet root servers")
                return nil
            }
            return decodeList(node, element: element, minimumCount: 1, at: path)
        }
    }

    mutating func mismatch(_ node: YAMLNode, expected: String, path: String) -> Value? {
        mismatch(node, expected: expected, at: { path })
    }

    mutating func mismatch(_ node: YAMLNode, expected: String, at path: () -> String) -> Value? {
        var help: String?
        if case .scalar(let scalar) = node.content, scalar.style != .plain, expected.hasPrefix("an integer") || expected == "true or false" {
            help = "remove the quotes"
        } else if case .scalar(let scalar) = node.content, expected == "true or false",
                  ["yes", "no", "on", "off", "y", "n"].contains(scalar.text.lowercased()) {
            help = "write true or false; in YAML 1.2 '\(scalar.text)' is a string, not a boolean"
        } else if case .scalar(let scalar) = node.content, scalar.style == .plain, expected == "a string" {
            help = "quote the value: \"\(scalar.text)\""
        }
        diagnostics.report(.typeMismatch, "'\(path())' must be \(expected), found \(node.kindDescription)", at: location(node), help: help)
        return nil
    }

    private mutating func decodeInteger(_ node: YAMLNode, range: ClosedRange<Int>, at path: () -> String) -> Value? {
        guard case .int(let number) = node.scalar?.resolved else { return mismatch(node, expected: "an integer", at: path) }
        guard range.contains(number) else {
            diagnostics.report(
                .invalidValue, "'\(path())' is \(number), outside \(range.lowerBound)...\(range.upperBound)", at: location(node))
            return nil
        }
        return Value(.integer(number), at: location(node))
    }

    private mutating func decodeDuration(_ node: YAMLNode, at path: () -> String) -> Value? {
        switch node.scalar?.resolved {
        case .string(let text):
            guard let seconds = DurationFormat.parse(text) else {
                diagnostics.report(
                    .invalidValue, "'\(path())' is '\(text)', not a duration", at: location(node),
                    help: "write a number and a unit: 30s, 15m, 6h, 5d or 2w")
                return nil
            }
            return Value(.duration(seconds), at: location(node))
        case .int(let number):
            diagnostics.report(
                .invalidValue, "'\(path())' is the bare number \(number); a duration needs a unit", at: location(node),
                help: "write \(number)s for seconds (or m, h, d, w)")
            return nil
        default:
            return mismatch(node, expected: "a duration such as 30s or 5d", at: path)
        }
    }

    private mutating func decodeSecret(_ node: YAMLNode, at path: () -> String) -> Value? {
        guard let entries = node.mappingEntries else {
            if node.scalar != nil {
                diagnostics.report(
                    .literalSecret, "'\(path())' is a secret and cannot be written in the repository", at: location(node),
                    help: "write {env: VARIABLE} or {file: /path/to/secret}; it is resolved only when applying")
                return nil
            }
            return mismatch(node, expected: "{env: NAME} or {file: PATH}", at: path)
        }
        guard entries.count == 1, let key = entries[0].keyText, let source = SecretReference.Source(rawValue: key),
              case .string(let name) = entries[0].value.scalar?.resolved, !name.isEmpty else {
            diagnostics.report(
                .invalidValue, "'\(path())' must be exactly one of {env: NAME} or {file: PATH}", at: location(node))
            return nil
        }
        return Value(.secret(SecretReference(source: source, name: name)), at: location(node))
    }
}
