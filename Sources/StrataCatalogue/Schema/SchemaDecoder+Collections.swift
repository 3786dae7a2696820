public import StrataModel

// Lists, records and keyed lists. Paths are closures: on valid input (every item of a 50,000-row
// table) no name is ever spelt out, and a message still names `smtp_routes[example.com].destinations[0]`.
extension SchemaDecoder {
    mutating func decodeList(_ node: YAMLNode, element: ValueType, minimumCount: Int, at path: () -> String) -> Value? {
        guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list", at: path) }
        if items.count < minimumCount {
            diagnostics.report(.invalidValue, "'\(path())' needs at least \(minimumCount) item\(minimumCount == 1 ? "" : "s")", at: location(node))
        }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        var valid = true
        for index in items.indices {
            if let value = decode(items[index], as: element, at: { "\(path())[\(index)]" }) { values.append(value) } else { valid = false }
        }
        return valid ? Value(.list(values), at: location(node)) : nil
    }

    /// Decodes a mapping by a record schema: unknown keys, missing fields and defaults.
    public mutating func decodeRecord(_ node: YAMLNode, schema: RecordSchema, path: String) -> Value? {
        decodeRecord(node, schema: schema, at: { path })
    }

    mutating func decodeRecord(_ node: YAMLNode, schema: RecordSchema, at path: () -> String) -> Value? {
        guard case .mapping(let entries) = node.content else { return mismatch(node, expected: "a mapping", at: path) }
        // Fields are read in place through a buffer (copying a FieldSchema retains all its parts), and for
        // each field the index of the entry that gives it (-1: not given) sits on the stack, not in a dictionary.
        return schema.fields.withUnsafeBufferPointer { fieldSchemas in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, fieldSchemas.count)) { given in
                given.initialize(repeating: -1)
                var valid = true
                var refusedKeyFound = false
                for position in entries.indices {
                    guard case .scalar(let keyScalar) = entries[position].key.content else { continue }
                    let key = keyScalar.text
                    if !schema.refused.isEmpty, let refused = schema.refused[key] {
                        diagnostics.report(
                            refused.code, "'\(path()).\(key)': \(refused.message)", at: location(entries[position].key), help: refused.help)
                        valid = false
                        refusedKeyFound = true
                    } else if let fieldIndex = fieldSchemas.indices.first(where: { fieldSchemas[$0].name == key }) {
                        if fieldSchemas[fieldIndex].derived {
                            reportDerived(key, at: location(entries[position].key), path: path)
                            valid = false
                        } else {
                            given[fieldIndex] = position
                        }
                    } else {
                        let known = schema.writableFieldNames
                        diagnostics.report(
                            .unknownKey,
                            "unknown field '\(key)' in '\(path())'\(Suggestion.clause(for: key, among: known))",
                            at: location(entries[position].key), help: "known fields: " + known.joined(separator: ", "))
                        valid = false
                    }
                }
                var fields: [Field] = []
                fields.reserveCapacity(fieldSchemas.count)
                for fieldIndex in fieldSchemas.indices {
                    let name = fieldSchemas[fieldIndex].name
                    if given[fieldIndex] >= 0 {
                        if let value = decode(entries[given[fieldIndex]].value, as: fieldSchemas[fieldIndex].type, at: { "\(path()).\(name)" }) {
                            fields.append(Field(name, value))
                        } else {
                            valid = false
                        }
                        continue
                    }
                    switch fieldSchemas[fieldIndex].presence {
                    case .required:
                        // A refused key (`password`) already told the user what to write instead.
                        if !refusedKeyFound {
                            diagnostics.report(
                                .missingField, "'\(path())' is missing the required field '\(name)'", at: location(node),
                                help: "add `\(name):` (\(fieldSchemas[fieldIndex].summary))")
                        }
                        valid = false
                    case .optional: break
                    case .defaulted(let value): fields.append(Field(name, value))
                    }
                }
                return valid ? Value(.record(fields), at: location(node)) : nil
            }
        }
    }

    /// E510: a field the compiler fills in (`failover.peers`) written by hand.
    private mutating func reportDerived(_ key: String, at location: SourceLocation, path: () -> String) {
        diagnostics.report(
            .derivedField, "'\(path()).\(key)' is filled in by the compiler and cannot be written in a file", at: location,
            help: "delete '\(key)'; Strata derives it from the other machines of the group")
    }

    mutating func decodeKeyedList(_ node: YAMLNode, schema: RecordSchema, key: String, at path: () -> String) -> Value? {
        guard case .sequence(let items) = node.content else { return mismatch(node, expected: "a list", at: path) }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        var firstSeen: [String: SourceLocation] = [:]
        firstSeen.reserveCapacity(items.count)
        var valid = true
        // Domain names are case-insensitive: example.com and EXAMPLE.com are the same route.
        var foldsCase = false
        if case .string(.domainOrDefault)? = schema.field(key)?.type { foldsCase = true }
        for index in items.indices {
            let item = items[index]
            let labelled = decodeRecord(item, schema: schema, at: {
                Self.keyText(of: item, key: key).map { "\(path())[\($0)]" } ?? "\(path())[\(index)]"
            })
            guard let value = labelled else {
                valid = false
                continue
            }
            if let identity = value[field: key] {
                if case .string(let written) = identity.kind {
                    let text = foldsCase && written.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) ? written.lowercased() : written
                    let here = identity.location ?? location(item)
                    if let first = firstSeen[text] {
                        diagnostics.report(
                            .duplicateItem, "'\(path())' has two items with \(key) '\(written)'", at: here,
                            notes: [DiagnosticNote("the first one is here", at: first)], help: "merge the two items or rename one")
                        valid = false
                    } else {
                        firstSeen[text] = here
                    }
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
