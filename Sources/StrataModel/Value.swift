/// A canonical, typed setting value produced by the compiler from YAML.
///
/// Equality ignores where a value was written: two values are equal when their content is.
public struct Value: Sendable, Hashable, CustomStringConvertible {
    /// The content of a value.
    public indirect enum Kind: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        /// A duration in seconds; written with a unit in YAML, as an integer in JSON.
        case duration(Int)
        case secret(SecretReference)
        case list([Value])
        /// Fields in schema order; absent optional fields are left out.
        case record([Field])
    }

    /// The content.
    public var kind: Kind
    /// Where the value was written, when it came from a file (defaults have none).
    public var location: SourceLocation?

    /// Creates a value.
    public init(_ kind: Kind, at location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    public static func == (lhs: Value, rhs: Value) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// A string value.
    public static func string(_ text: String) -> Value { Value(.string(text)) }
    /// An integer value.
    public static func integer(_ number: Int) -> Value { Value(.integer(number)) }
    /// A boolean value.
    public static func boolean(_ flag: Bool) -> Value { Value(.boolean(flag)) }
    /// A duration in seconds.
    public static func duration(_ seconds: Int) -> Value { Value(.duration(seconds)) }
    /// A list value.
    public static func list(_ items: [Value]) -> Value { Value(.list(items)) }
    /// A record value.
    public static func record(_ fields: [Field]) -> Value { Value(.record(fields)) }

    /// The text if this is a string.
    public var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// The number if this is an integer or a duration.
    public var integerValue: Int? {
        switch kind {
        case .integer(let number), .duration(let number): number
        default: nil
        }
    }

    /// The items if this is a list.
    public var listItems: [Value]? {
        if case .list(let items) = kind { return items }
        return nil
    }

    /// The fields if this is a record.
    public var recordFields: [Field]? {
        if case .record(let fields) = kind { return fields }
        return nil
    }

    /// The value of a record's field, if present.
    public subscript(field name: String) -> Value? {
        recordFields?.first { $0.name == name }?.value
    }

    /// A compact one-line rendering for messages and text views; secrets are never shown.
    public var description: String {
        switch kind {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .boolean(let flag): return String(flag)
        case .duration(let seconds): return DurationFormat.format(seconds)
        case .secret: return "(sensitive)"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .record(let fields):
            return "{" + fields.map { "\($0.name): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One named field of a record value.
public struct Field: Sendable, Hashable {
    /// The field name.
    public var name: String
    /// Its value.
    public var value: Value

    /// Creates a field.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// A reference to a secret kept outside the repository; resolved only when applying.
public struct SecretReference: Sendable, Hashable, CustomStringConvertible {
    /// Where the secret lives.
    public enum Source: String, Sendable, Hashable { case env, file }

    /// Environment variable or file.
    public var source: Source
    /// The variable name or file path.
    public var name: String

    /// Creates a reference.
    public init(source: Source, name: String) {
        self.source = source
        self.name = name
    }

    /// `env:NAME` or `file:PATH`, as in the output contracts.
    public var description: String { "\(source.rawValue):\(name)" }
}

/// Durations written `30s`, `15m`, `6h`, `5d`, `2w`.
public enum DurationFormat {
    private static let units: [(suffix: Character, seconds: Int)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// Parses `<digits><unit>` into seconds; nil when malformed or out of range.
    public static func parse(_ text: String) -> Int? {
        guard let unitChar = text.last, let unit = units.first(where: { $0.suffix == unitChar }) else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 12, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let number = Int(digits) else { return nil }
        let (seconds, overflow) = number.multipliedReportingOverflow(by: unit.seconds)
        return overflow ? nil : seconds
    }

    /// Formats seconds with the largest unit that divides them exactly.
    public static func format(_ seconds: Int) -> String {
        for unit in units where seconds != 0 && seconds % unit.seconds == 0 {
            return "\(seconds / unit.seconds)\(unit.suffix)"
        }
        return "\(seconds)s"
    }
}
