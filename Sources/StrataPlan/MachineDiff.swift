public import StrataModel

/// What applying a diff does to one machine.
public enum DiffAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The machine exists only after: every feature is new.
    case create
    /// The machine exists on both sides and some value differs.
    case update
    /// The machine exists only before: every feature goes away.
    case delete
    /// The machine's values are equal on both sides (a group move alone is still a noop).
    case noop
}

/// The differences of one machine, identified by cluster and machine name.
public struct MachineDiff: Sendable, Hashable, Codable {
    /// The machine.
    public var machine: MachineName
    /// Its cluster.
    public var cluster: ClusterName
    /// What applying the diff does to it.
    public var action: DiffAction
    /// The changes in path order: `group` first when the machine moved, then features in catalogue order.
    public var changes: [ConfigChange]

    /// Creates a machine diff.
    public init(machine: MachineName, cluster: ClusterName, action: DiffAction, changes: [ConfigChange]) {
        self.machine = machine
        self.cluster = cluster
        self.action = action
        self.changes = changes
    }
}
