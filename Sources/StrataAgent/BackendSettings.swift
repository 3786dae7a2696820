/// One backend of agent.yaml, a tagged union on `type` (DECISIONS: `type: files | postfix | keepalived`).
public enum BackendSettings: Sendable, Hashable {
    /// `type: files`: write the effective configuration and run the operator's commands.
    case files(FilesBackendSettings)
    /// `type: postfix`: render, validate, switch, reload and probe a Postfix instance.
    case postfix(PostfixBackendSettings)
    /// `type: keepalived`: render, validate, write, reload and watch a keepalived VRRP instance.
    case keepalived(KeepalivedBackendSettings)

    /// The `type` word.
    public var kind: String {
        switch self {
        case .files: "files"
        case .postfix: "postfix"
        case .keepalived: "keepalived"
        }
    }

    /// The network namespace the backend's commands run in (`netns:`), nil for the agent's own.
    public var netns: String? {
        switch self {
        case .files(let settings): settings.netns
        case .postfix(let settings): settings.netns
        case .keepalived(let settings): settings.netns
        }
    }
}
