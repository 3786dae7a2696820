public import StrataModel

/// A ``Value`` in a lossless, tagged JSON form (`{"duration": 30}`, `{"secret": {"name": "X", "source": "env"}}`).
///
/// The canonical JSON of the output contracts cannot be read back (a duration and an integer look alike), so saved
/// artefacts (plan files) use this form. Source locations are not kept: equality ignores them. The form is the one
/// plan files have always had, so files written by earlier versions read back.
public enum StoredValue {
    /// The tagged form of a value.
    public static func json(_ value: Value) -> JSON {
        switch value.kind {
        case .string(let text): return .object([("string", .string(text))])
        case .integer(let number): return .object([("integer", .int(number))])
        case .boolean(let flag): return .object([("boolean", .bool(flag))])
        case .duration(let seconds): return .object([("duration", .int(seconds))])
        case .secret(let reference):
            return .object([("secret", .object([("name", .string(reference.name)), ("source", .string(reference.source.rawValue))]))])
        case .list(let items): return .object([("list", .array(items.map(json)))])
        case .record(let fields):
            return .object([("record", .array(fields.map { .object([("name", .string($0.name)), ("value", json($0.value))]) }))])
        }
    }

    /// Reads a tagged value back.
    public static func value(_ json: JSON) throws(JSONObjectReader.Failure) -> Value {
        let tags = ["string", "integer", "boolean", "duration", "secret", "list", "record"]
        guard let keys = json.objectKeys, keys.count == 1, let tag = keys.first, tags.contains(tag),
              case .object(let fields) = json, let inner = fields.first?.1 else {
            throw JSONObjectReader.Failure("a value has exactly one of: " + tags.joined(separator: ", "))
        }
        switch (tag, inner) {
        case ("string", .string(let text)): return .string(text)
        case ("integer", .int(let number)): return .integer(number)
        case ("boolean", .bool(let flag)): return .boolean(flag)
        case ("duration", .int(let seconds)): return .duration(seconds)
        case ("secret", _): return Value(.secret(try secret(inner)))
        case ("list", .array(let items)):
            var values: [Value] = []
            for item in items { values.append(try value(item)) }
            return .list(values)
        case ("record", .array(let items)):
            var recordFields: [Field] = []
            for item in items {
                let reader = try JSONObjectReader(item, context: "record field")
                recordFields.append(Field(try reader.string("name"), try value(try reader.required("value"))))
            }
            return .record(recordFields)
        default:
            throw JSONObjectReader.Failure("the '\(tag)' value has the wrong type")
        }
    }

    private static func secret(_ json: JSON) throws(JSONObjectReader.Failure) -> SecretReference {
        let reader = try JSONObjectReader(json, context: "secret value")
        guard let source = SecretReference.Source(rawValue: try reader.string("source")) else {
            throw JSONObjectReader.Failure("a secret's source is env or file")
        }
        return SecretReference(source: source, name: try reader.string("name"))
    }
}

extension ConfigChange {
    /// The change with tagged values (`{"path", "before", "after"}`), as plan files save it.
    public var storedJSON: JSON {
        .object([
            ("path", .string(path)), ("before", before.map(StoredValue.json) ?? .null),
            ("after", after.map(StoredValue.json) ?? .null),
        ])
    }

    /// Reads a change saved by ``storedJSON``; values keep their exact kind (durations stay durations).
    public init(storedJSON json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "change")
        var before: Value?
        var after: Value?
        if let json = reader.optional("before") { before = try StoredValue.value(json) }
        if let json = reader.optional("after") { after = try StoredValue.value(json) }
        self.init(path: try reader.string("path"), before: before, after: after)
    }
}
