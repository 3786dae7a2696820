public import StrataModel

/// The differences of one machine, identified by cluster and machine name.
public struct MachineDiff: Sendable, Hashable {
    /// The machine.
    public var machine: MachineName
    /// Its cluster.
    public var cluster: ClusterName
    /// What applying the diff does to it.
    public var action: MachineAction
    /// The changes in path order: `group` first when the machine moved, then features in catalogue order.
    public var changes: [ConfigChange]
    /// The changes that would stop it accepting or relaying mail (``DestructiveRules``); empty for most.
    public var destructive: [DestructiveChange]

    /// Creates a machine diff.
    public init(
        machine: MachineName, cluster: ClusterName, action: MachineAction, changes: [ConfigChange], destructive: [DestructiveChange] = []
    ) {
        self.machine = machine
        self.cluster = cluster
        self.action = action
        self.changes = changes
        self.destructive = destructive
    }
}
