/// Reads a JSON object field by field and refuses unknown or mistyped fields (for strict wire decoding).
public struct JSONObjectReader {
    /// A field that is missing, mistyped or not expected.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, naming the field.
        public var message: String
        public var description: String { message }
        /// Creates a failure.
        public init(_ message: String) { self.message = message }
    }

    private let fields: [(String, JSON)]
    private let context: String

    /// Starts reading `json`, which must be an object; `context` names it in messages.
    public init(_ json: JSON, context: String) throws(Failure) {
        guard case .object(let fields) = json else { throw Failure("\(context) must be a JSON object") }
        self.fields = fields
        self.context = context
    }

    /// Refuses any key not in `known`.
    public func requireOnly(_ known: Set<String>) throws(Failure) {
        if let unknown = fields.first(where: { !known.contains($0.0) }) {
            throw Failure("unknown field '\(unknown.0)' in \(context)")
        }
    }

    /// The raw value of a key, nil when absent or null.
    public func optional(_ key: String) -> JSON? {
        // Matched, not compared with `!= .null`: JSON equality renders both sides, which costs the value's size.
        guard let value = fields.first(where: { $0.0 == key })?.1 else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// A required value.
    public func required(_ key: String) throws(Failure) -> JSON {
        guard let value = optional(key) else { throw Failure("missing field '\(key)' in \(context)") }
        return value
    }

    /// A required string.
    public func string(_ key: String) throws(Failure) -> String {
        guard let text = try required(key).stringValue else { throw Failure("field '\(key)' in \(context) must be a string") }
        return text
    }

    /// An optional string.
    public func optionalString(_ key: String) throws(Failure) -> String? {
        guard let value = optional(key) else { return nil }
        guard let text = value.stringValue else { throw Failure("field '\(key)' in \(context) must be a string") }
        return text
    }

    /// A required integer.
    public func int(_ key: String) throws(Failure) -> Int {
        guard let number = try required(key).intValue else { throw Failure("field '\(key)' in \(context) must be an integer") }
        return number
    }

    /// An object of strings (`{"env:NAME": "..."}`), empty when absent.
    public func stringMap(_ key: String) throws(Failure) -> [String: String] {
        guard let value = optional(key) else { return [:] }
        guard case .object(let entries) = value else { throw Failure("field '\(key)' in \(context) must be an object") }
        var map: [String: String] = [:]
        for (name, item) in entries {
            guard let text = item.stringValue else { throw Failure("field '\(key).\(name)' in \(context) must be a string") }
            map[name] = text
        }
        return map
    }
}
