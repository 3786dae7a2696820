/// One backend of agent.yaml, a tagged union on `type` (DECISIONS: `type: files | postfix`).
public enum BackendSettings: Sendable, Hashable {
    /// `type: files`: write the effective configuration and run the operator's commands.
    case files(FilesBackendSettings)
    /// `type: postfix`: render, validate, switch, reload and probe a Postfix instance.
    case postfix(PostfixBackendSettings)

    /// The `type` word.
    public var kind: String {
        switch self {
        case .files: "files"
        case .postfix: "postfix"
        }
    }
}
