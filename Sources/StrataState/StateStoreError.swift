/// An operational failure of the state store (I/O): stable code, message, cause.
public struct StateStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `io`, `corrupt`, `locked`.
    public var code: String
    /// What went wrong.
    public var message: String
    /// The system's own words, if any.
    public var cause: String?

    /// Creates an error.
    public init(code: String, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
