public import StrataModel

/// A new generation asked of a machine: a configuration to apply, or a kept generation to restore.
/// Both are valid only while the machine is at the generation the request expects.
public enum GenerationChange: Sendable {
    /// `POST /v1/apply`: the request's configuration and secrets become the next generation.
    case apply(ApplyRequest)
    /// `POST /v1/rollback`: a kept generation's configuration and secrets become the next generation.
    case rollback(RollbackRequest)

    /// The generation the request was made against.
    public var expectedGeneration: Int {
        switch self {
        case .apply(let request): request.expectedGeneration
        case .rollback(let request): request.expectedGeneration
        }
    }
}
