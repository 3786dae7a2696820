public import StrataModel
import StrataState

/// An operational failure of the agent (its configuration file, token, TLS files, state directory,
/// listening socket): a stable code, a message, and the system's own words.
public typealias AgentError = OperationalError<AgentLocalErrorCode>

/// The kinds of the agent's own failures (as opposed to the error codes of its answers, `AgentErrorCode`).
public enum AgentLocalErrorCode: String, Sendable, Hashable {
    /// `agent.yaml` cannot be read.
    case configUnreadable = "config-unreadable"
    /// The bearer token cannot be read, or is empty.
    case token
    /// The TLS certificate or key cannot be loaded.
    case tls
    /// The state directory cannot be opened.
    case state
    /// The listening socket cannot be opened.
    case server
    /// A file operation failed.
    case io
}

extension AgentError {
    /// A file operation's failure, in the agent's terms.
    init(_ file: StateStoreError) {
        self.init(code: .io, message: file.message, cause: file.cause)
    }
}
