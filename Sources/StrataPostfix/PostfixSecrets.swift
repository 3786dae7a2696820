/// How the renderer fills in secrets (LDAP bind passwords).
public enum PostfixSecrets: Sendable {
    /// The values as the agent holds them: the same keys as `ApplyRequest.secrets` (`"env:NAME"`).
    case resolved([String: String])
    /// For `strata render`: write the reference text (`env:NAME`), never a value.
    case references
}
