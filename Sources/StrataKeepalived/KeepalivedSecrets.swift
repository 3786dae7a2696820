/// How the renderer fills in the VRRP secret (`auth_pass`).
public enum KeepalivedSecrets: Sendable {
    /// The values as the agent holds them: the same keys as `ApplyRequest.secrets` (`"env:NAME"`).
    case resolved([String: String])
    /// For `strata render`: write the reference text (`env:NAME`), never a value; no length check.
    case references
}
