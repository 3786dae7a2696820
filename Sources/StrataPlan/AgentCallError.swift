public import StrataModel

/// Why a call to a machine's agent (remote or embedded) did not succeed: a stable code, a message, the cause,
/// and whatever the agent said about it (its output tail, its findings, the state it is left in).
public struct AgentCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes; the agent's own error codes keep their names (`conflict`, `health-failed`, ...).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// No connection could be made (refused, no route, name not resolved, connect timeout): nothing was sent.
        case unreachable
        /// The TLS handshake failed (certificate not trusted, wrong name): nothing was sent.
        case tls
        /// The request was sent but no answer came in time: whether it took effect is unknown.
        case timeout
        /// The connection broke or the answer could not be read.
        case transport
        /// The agent refused the bearer token (401).
        case unauthorized
        /// The agent serves another machine (421, or a state naming another machine).
        case wrongMachine = "wrong-machine"
        /// The agent is no longer at the expected generation (409): nothing changed.
        case conflict
        /// The request body was over the agent's limit (413).
        case tooLarge = "too-large"
        /// The agent could not read the request (400).
        case malformed
        /// The agent's own checks refused the configuration (422).
        case invalidConfiguration = "invalid-configuration"
        /// The backend's apply command failed; the agent restored the previous configuration.
        case applyFailed = "apply-failed"
        /// The backend's health command failed after applying; the agent restored the previous configuration.
        case healthFailed = "health-failed"
        /// The agent does not know the path or generation (404).
        case notFound = "not-found"
        /// Any other HTTP answer, or an answer that is not the documented JSON.
        case badResponse = "bad-response"
        /// The agent reports a software version other than the cluster's `requires.version`.
        case versionMismatch = "version-mismatch"
        /// A secret the configuration needs could not be resolved on the controller: nothing was sent.
        case secretMissing = "secret-missing"
        /// The controller's own settings for this machine are unusable (URL, TLS mode, CA file, token).
        case configuration
        /// The embedded state store could not be read or written.
        case stateStore = "state-store"
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, lowercase, naming the machine's side of things.
    public var message: String
    /// The underlying error's words, if any.
    public var cause: String?
    /// The end of the backend command's output (apply/health failures).
    public var outputTail: String?
    /// The agent's findings (invalid configuration).
    public var diagnostics: JSON?
    /// The state the agent reports after the failure (for example the restored generation).
    public var state: AgentState?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, cause: String? = nil, outputTail: String? = nil, diagnostics: JSON? = nil,
        state: AgentState? = nil
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.outputTail = outputTail
        self.diagnostics = diagnostics
        self.state = state
    }

    /// Whether the request certainly never reached the agent, so the machine is simply skipped (and caught up later).
    public var isUnreachable: Bool { code == .unreachable }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }

    /// `{"code", "message", "cause"?, "output_tail"?, "diagnostics"?, "restored_generation"?}`.
    public var json: JSON {
        var fields: [(String, JSON)] = [("code", .string(code.rawValue)), ("message", .string(message))]
        if let cause { fields.append(("cause", .string(cause))) }
        if let outputTail { fields.append(("output_tail", .string(outputTail))) }
        if let diagnostics { fields.append(("diagnostics", diagnostics)) }
        if let state { fields.append(("generation_after", .int(state.generation))) }
        return .object(fields)
    }
}
