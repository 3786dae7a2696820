import StrataModel

/// A ``Value`` in a lossless, tagged Codable form (`{"duration": 30}`, `{"secret": {"source": "env", "name": "X"}}`).
///
/// The canonical JSON of the output contracts cannot be read back (a duration and an integer look alike), so saved
/// artefacts use this form. Source locations are not kept: equality ignores them.
struct StoredValue: Codable {
    var value: Value

    init(_ value: Value) { self.value = value }

    private enum Tag: String, CodingKey {
        case string, integer, boolean, duration, secret, list, record
    }

    private struct StoredField: Codable {
        var name: String
        var value: StoredValue
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Tag.self)
        guard container.allKeys.count == 1, let tag = container.allKeys.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "a value has exactly one of: string, integer, boolean, duration, secret, list, record"))
        }
        switch tag {
        case .string: value = .string(try container.decode(String.self, forKey: tag))
        case .integer: value = .integer(try container.decode(Int.self, forKey: tag))
        case .boolean: value = .boolean(try container.decode(Bool.self, forKey: tag))
        case .duration: value = .duration(try container.decode(Int.self, forKey: tag))
        case .secret: value = Value(.secret(try container.decode(SecretReference.self, forKey: tag)))
        case .list: value = .list(try container.decode([StoredValue].self, forKey: tag).map(\.value))
        case .record:
            value = .record(try container.decode([StoredField].self, forKey: tag).map { Field($0.name, $0.value.value) })
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Tag.self)
        switch value.kind {
        case .string(let text): try container.encode(text, forKey: .string)
        case .integer(let number): try container.encode(number, forKey: .integer)
        case .boolean(let flag): try container.encode(flag, forKey: .boolean)
        case .duration(let seconds): try container.encode(seconds, forKey: .duration)
        case .secret(let reference): try container.encode(reference, forKey: .secret)
        case .list(let items): try container.encode(items.map(StoredValue.init), forKey: .list)
        case .record(let fields):
            try container.encode(fields.map { StoredField(name: $0.name, value: StoredValue($0.value)) }, forKey: .record)
        }
    }
}
