public import StrataModel

/// One generation as kept on disk: its summary, the configuration, and the secret values it needs.
public struct StoredGeneration: Sendable, Equatable {
    /// Number, hash, commit, when and by whom.
    public var summary: GenerationSummary
    /// `{feature: canonical value}` with secrets as references.
    public var configuration: JSON
    /// Resolved secret values by reference; kept in a separate file readable by the owner only.
    public var secrets: [String: String]

    /// Creates a stored generation.
    public init(summary: GenerationSummary, configuration: JSON, secrets: [String: String]) {
        self.summary = summary
        self.configuration = configuration
        self.secrets = secrets
    }

    /// SHA-256 of each secret value, by reference: what a state read may show.
    public var secretDigests: [String: String] { secrets.mapValues(Digest.sha256) }

    /// The configuration hash: SHA-256 of the compact canonical JSON and the sorted secret digests,
    /// so a changed value and a rotated secret both change it.
    public static func configHash(configuration: JSON, secretDigests: [String: String]) -> String {
        var text = configuration.rendered(pretty: false)
        for (reference, digest) in secretDigests.sorted(by: { $0.key < $1.key }) {
            text += "\n" + reference + "=" + digest
        }
        return Digest.sha256(text)
    }
}
