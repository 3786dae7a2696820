public import StrataModel

/// Where the planner gets the SHA-256 digest of a secret's value, to notice a value changed behind an unchanged
/// reference. The controller's resolver reads the secret; the planner never sees the value.
public protocol SecretDigests: Sendable {
    /// The digest of the secret's value, or nil when it cannot be resolved here.
    func digest(of reference: SecretReference) -> String?
}
