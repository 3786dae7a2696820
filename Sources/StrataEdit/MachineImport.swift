public import StrataModel

/// What `init --from` or `join` would do with a standalone file: the files it creates, or the
/// diagnostics that refuse it, and the machine's effective configuration before (the standalone
/// file's) and after (what the cluster gives it).
public struct MachineImport: Sendable {
    /// The machine the standalone file names.
    public var machine: MachineName
    /// The cluster and group it goes to.
    public var cluster: ClusterName
    public var group: GroupName
    /// The files created, in path order (`before` is empty).
    public var files: [EditedFile]
    /// Features of the standalone file written into the cluster's files, in catalogue order.
    public var kept: [String]
    /// Features of the standalone file left out (join: every clusterable one), in catalogue order.
    public var discarded: [String]
    /// Refusals and the errors of the cluster as it would be; warnings.
    public var diagnostics: Diagnostics
    /// The standalone file's effective configuration (named as in the cluster), and the machine's in the cluster.
    public var before: EffectiveConfiguration?
    public var after: EffectiveConfiguration?

    /// Whether nothing may be written.
    public var refused: Bool { diagnostics.hasErrors }
}
