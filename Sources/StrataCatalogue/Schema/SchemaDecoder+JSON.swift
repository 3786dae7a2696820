public import StrataModel

extension SchemaDecoder {
    /// Decodes canonical JSON by `type`; `path` names it in messages. Nil when invalid.
    public mutating func decode(_ json: JSON, as type: ValueType, path: String) -> Value? {
        let location = SourceLocation.file(file)
        func mismatch(_ expected: String) -> Value? {
            diagnostics.report(.typeMismatch, "'\(path)' must be \(expected)", at: location)
            return nil
        }
        switch type {
        case .string, .choice:
            guard case .string(let text) = json else { return mismatch("a string") }
            if case .string(let format) = type, let problem = text.isEmpty ? ("empty", nil) : SchemaDecoder.problem(with: text, format: format) {
                diagnostics.report(.invalidValue, "'\(path)' is '\(text)', \(problem.message)", at: location)
                return nil
            }
            if case .choice(let words) = type, !words.contains(text) {
                diagnostics.report(.invalidValue, "'\(path)' is '\(text)', not one of \(words.joined(separator: ", "))", at: location)
                return nil
            }
            return .string(text)
        case .integer(let range):
            guard case .int(let number) = json else { return mismatch("an integer") }
            guard range.contains(number) else {
                diagnostics.report(.invalidValue, "'\(path)' is \(number), outside \(range.lowerBound)...\(range.upperBound)", at: location)
                return nil
            }
            return .integer(number)
        case .boolean:
            guard case .bool(let flag) = json else { return mismatch("true or false") }
            return .boolean(flag)
        case .duration:
            guard case .int(let seconds) = json, seconds >= 0 else { return mismatch("a number of seconds") }
            return .duration(seconds)
        case .secret:
            guard let reference = json["secret"]?.stringValue, json.objectKeys == ["secret"] else { return mismatch("{\"secret\": \"env:NAME\"}") }
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let source = SecretReference.Source(rawValue: parts[0]), !parts[1].isEmpty else {
                return mismatch("a secret reference env:NAME or file:PATH")
            }
            return Value(.secret(SecretReference(source: source, name: parts[1])))
        case .list(let element, _):
            guard case .array(let items) = json else { return mismatch("a list") }
            var values: [Value] = []
            for (index, item) in items.enumerated() {
                guard let value = decode(item, as: element, path: "\(path)[\(index)]") else { return nil }
                values.append(value)
            }
            return .list(values)
        case .keyedList(let schema, _):
            return decode(json, as: .list(.record(schema), minimumCount: 0), path: path)
        case .rootOrList(let element):
            if json == .string("root") { return .string("root") }
            return decode(json, as: .list(element, minimumCount: 1), path: path)
        case .record(let schema):
            return decodeRecord(json, schema: schema, path: path)
        }
    }

    private mutating func decodeRecord(_ json: JSON, schema: RecordSchema, path: String) -> Value? {
        let location = SourceLocation.file(file)
        func mismatch(_ expected: String) -> Value? {
            diagnostics.report(.typeMismatch, "'\(path)' must be \(expected)", at: location)
            return nil
        }
        guard case .object(let entries) = json else { return mismatch("an object") }
        var fields: [Field] = []
        for (key, _) in entries where schema.field(key) == nil {
            diagnostics.report(.unknownKey, "unknown field '\(key)' in '\(path)'", at: location)
            return nil
        }
        for field in schema.fields {
            guard let value = json[field.name] else {
                switch field.presence {
                case .required:
                    diagnostics.report(.missingField, "'\(path)' is missing the required field '\(field.name)'", at: location)
                    return nil
                case .optional: continue
                case .defaulted(let value): fields.append(Field(field.name, value)); continue
                }
            }
            guard let decoded = decode(value, as: field.type, path: "\(path).\(field.name)") else { return nil }
            fields.append(Field(field.name, decoded))
        }
        return .record(fields)
    }
}
