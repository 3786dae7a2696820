public import StrataModel
public import StrataPlan

/// Where the reconcile loop gets its configuration: the followed branch's head, and the configuration of one
/// commit. The command implements it with libgit2 (this module does not touch git).
public protocol ReconcileSource: Sendable {
    /// The commit the followed branch points at now (fetched first when a remote is followed).
    func head() async throws -> ReconcileCommit
    /// Loads and compiles the configuration of `commit`; operational failures throw, the user's mistakes are
    /// returned as the revision's `errors`.
    func revision(_ commit: ReconcileCommit) async throws -> ReconcileRevision
}

/// One commit of the followed branch.
public struct ReconcileCommit: Sendable, Hashable {
    /// The full commit id.
    public var id: String
    /// Its subject line.
    public var summary: String

    /// Creates a commit.
    public init(id: String, summary: String) {
        self.id = id
        self.summary = summary
    }

    /// The first 12 characters of the id.
    public var shortId: String { String(id.prefix(12)) }
}

/// The configuration of one commit, compiled: the machines and what each should run, or why it must not be applied.
public struct ReconcileRevision: Sendable {
    /// The commit.
    public var commit: ReconcileCommit
    /// Every cluster's machines and how they are reached.
    public var clusters: [ClusterTargets]
    /// Every machine's effective configuration.
    public var desired: [EffectiveConfiguration]
    /// The errors that make this commit invalid (empty: valid; warnings are not kept here).
    public var errors: [Diagnostic]

    /// Creates a revision.
    public init(commit: ReconcileCommit, clusters: [ClusterTargets], desired: [EffectiveConfiguration], errors: [Diagnostic]) {
        self.commit = commit
        self.clusters = clusters
        self.desired = desired
        self.errors = errors
    }

    /// Whether it may be applied.
    public var isValid: Bool { errors.isEmpty }
}
