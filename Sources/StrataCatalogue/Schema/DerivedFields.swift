import StrataModel

/// Removes the fields the compiler derives (`failover.peers`) from a value, for writing it back to a file.
enum DerivedFields {
    /// `value` of `type` without its derived fields, at any depth.
    static func removing(from value: Value, type: ValueType) -> Value {
        guard holdsDerived(type) else { return value }
        switch type {
        case .record(let schema):
            let fields = (value.recordFields ?? []).compactMap { field -> Field? in
                guard let schemaField = schema.field(field.name) else { return field }
                if schemaField.derived { return nil }
                return Field(field.name, removing(from: field.value, type: schemaField.type))
            }
            return Value(.record(fields), at: value.location)
        case .keyedList(let schema, _):
            return removing(from: value, type: .list(.record(schema), minimumCount: 0))
        case .list(let element, _), .rootOrList(let element):
            guard let items = value.listItems else { return value }
            return Value(.list(items.map { removing(from: $0, type: element) }), at: value.location)
        default:
            return value
        }
    }

    private static func holdsDerived(_ type: ValueType) -> Bool {
        switch type {
        case .record(let schema), .keyedList(let schema, _):
            return schema.fields.contains { $0.derived || holdsDerived($0.type) }
        case .list(let element, _), .rootOrList(let element):
            return holdsDerived(element)
        default:
            return false
        }
    }
}
