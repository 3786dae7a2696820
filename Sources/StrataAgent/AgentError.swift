/// An operational failure of the agent (its configuration file, token, TLS files, state directory,
/// listening socket): a stable code, a message, and the system's own words.
public struct AgentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `config-unreadable`, `config-invalid`, `token`, `tls`, `state`, `backend`, `server`.
    public var code: String
    /// What went wrong, lowercase, no full stop.
    public var message: String
    /// The underlying cause, if any.
    public var cause: String?

    /// Creates an error.
    public init(code: String, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
