extension JSON {
    /// The canonical JSON of a value, as in every output contract: durations as integer seconds,
    /// secrets as `{"secret": "env:NAME"}` references (never their text).
    public init(_ value: Value) {
        switch value.kind {
        case .string(let text): self = .string(text)
        case .integer(let number), .duration(let number): self = .int(number)
        case .boolean(let flag): self = .bool(flag)
        case .secret(let reference): self = .object([("secret", .string(reference.description))])
        case .list(let items): self = .array(items.map(JSON.init))
        case .record(let fields): self = .object(fields.map { ($0.name, JSON($0.value)) })
        }
    }
}
