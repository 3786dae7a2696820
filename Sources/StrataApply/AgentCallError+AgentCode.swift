public import StrataModel
public import StrataPlan

extension AgentCallError.Code {
    /// The controller's code for an agent's error code; nil for a code the answer's HTTP status says more
    /// about (`internal`, or one this controller does not know).
    public init?(agent code: AgentErrorCode) {
        switch code {
        case .unauthorized: self = .unauthorized
        case .notFound: self = .notFound
        case .malformed: self = .malformed
        case .tooLarge: self = .tooLarge
        case .wrongMachine: self = .wrongMachine
        case .conflict: self = .conflict
        case .invalidConfiguration: self = .invalidConfiguration
        case .applyFailed: self = .applyFailed
        case .healthFailed: self = .healthFailed
        case .internalError, .unknown: return nil
        }
    }
}
