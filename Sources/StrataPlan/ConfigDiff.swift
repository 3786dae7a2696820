/// How many machines each action touches, and how many changes there are in all.
public struct DiffSummary: Sendable, Hashable {
    /// Machines created.
    public var created: Int
    /// Machines updated.
    public var updated: Int
    /// Machines deleted.
    public var deleted: Int
    /// Machines whose values are unchanged.
    public var unchanged: Int
    /// Every listed change of every machine (a `group` move included).
    public var changes: Int

    /// Creates a summary.
    public init(created: Int = 0, updated: Int = 0, deleted: Int = 0, unchanged: Int = 0, changes: Int = 0) {
        self.created = created
        self.updated = updated
        self.deleted = deleted
        self.unchanged = unchanged
        self.changes = changes
    }

    /// Counts the actions and changes of machine diffs.
    public init(_ machines: [MachineDiff]) {
        self.init()
        for machine in machines {
            switch machine.action {
            case .create: created += 1
            case .update: updated += 1
            case .delete: deleted += 1
            // A diff never holds `unknown` (a plan leaves unreadable machines out of its diff).
            case .noop, .unknown: unchanged += 1
            }
            changes += machine.changes.count
        }
    }

    /// Whether any machine is created, updated or deleted.
    public var hasChanges: Bool { created + updated + deleted > 0 }
}

/// The per-machine differences between two sets of effective configurations.
public struct ConfigDiff: Sendable, Hashable {
    /// The counts.
    public var summary: DiffSummary
    /// Every machine of either side, sorted by cluster then machine name.
    public var machines: [MachineDiff]

    /// Creates a diff, sorting the machines and computing the summary.
    public init(machines: [MachineDiff]) {
        self.machines = machines.sorted { ($0.cluster, $0.machine) < ($1.cluster, $1.machine) }
        self.summary = DiffSummary(machines)
    }

    /// Whether applying the diff changes anything (what `--detailed-exitcode` reports as 2).
    public var hasChanges: Bool { summary.hasChanges }

    /// The machines with a destructive change.
    public var destructiveMachines: [MachineDiff] { machines.filter { !$0.destructive.isEmpty } }

    /// The machines whose action is not `noop`.
    public var changedMachines: [MachineDiff] { machines.filter { $0.action != .noop } }
}
