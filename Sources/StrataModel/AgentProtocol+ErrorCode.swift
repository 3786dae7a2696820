/// The stable code of an agent's error answer (`{"error": {"code": ...}}`), shared by the agent that
/// writes it and the controller that reads it.
///
/// Answers are read leniently (DECISIONS, the wire rule): a code this controller does not know, from a
/// newer agent, is kept as ``unknown(_:)`` with the words it came with.
public enum AgentErrorCode: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
    /// 401: no bearer token, or the wrong one.
    case unauthorized
    /// 404: no such route or generation.
    case notFound
    /// 400: the body is not JSON, or not the expected shape.
    case malformed
    /// 413: the body is over the agent's limit.
    case tooLarge
    /// 421: the request is addressed to another machine.
    case wrongMachine
    /// 409: the agent is not at the expected generation; nothing changed.
    case conflict
    /// 422: the agent's own checks (or a backend before the switch) refused the configuration.
    case invalidConfiguration
    /// A backend's apply step failed; the previous generation was restored.
    case applyFailed
    /// A backend's health check failed after the switch; the previous generation was restored.
    case healthFailed
    /// 500: the state directory or another local resource failed.
    case internalError
    /// A code this side does not know, as sent.
    case unknown(String)

    /// Every code this version writes, for documentation and tests.
    public static let known: [AgentErrorCode] = [
        .unauthorized, .notFound, .malformed, .tooLarge, .wrongMachine, .conflict, .invalidConfiguration, .applyFailed,
        .healthFailed, .internalError,
    ]

    /// Reads a code as sent; never fails (an unknown code is ``unknown(_:)``).
    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The code as written on the wire (`wrong-machine`).
    public var rawValue: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .notFound: "not-found"
        case .malformed: "malformed"
        case .tooLarge: "too-large"
        case .wrongMachine: "wrong-machine"
        case .conflict: "conflict"
        case .invalidConfiguration: "invalid-configuration"
        case .applyFailed: "apply-failed"
        case .healthFailed: "health-failed"
        case .internalError: "internal"
        case .unknown(let text): text
        }
    }

    public var description: String { rawValue }
}
