public import StrataModel

/// A saved, versioned plan: for each machine, the live generation it was made against and the configuration
/// to apply. Applying it re-reads every generation and refuses the whole plan if any has moved.
public struct Plan: Sendable {
    /// The `format` field of a plan file.
    public static let formatName = "strata-plan"
    /// The version of the plan file format this build writes and reads.
    public static let formatVersion = 1

    /// When the plan was made (ISO 8601, UTC).
    public var createdAt: String
    /// The clusters it covers, with how their machines are reached.
    public var clusters: [PlannedCluster]
    /// Every machine, sorted by cluster then name.
    public var machines: [PlannedMachine]

    /// Creates a plan.
    public init(createdAt: String, clusters: [PlannedCluster], machines: [PlannedMachine]) {
        self.createdAt = createdAt
        self.clusters = clusters
        self.machines = machines.sorted { ($0.cluster, $0.machine) < ($1.cluster, $1.machine) }
    }

    /// The counts.
    public var summary: PlanSummary { PlanSummary(machines) }

    /// Whether applying would change any machine.
    public var hasChanges: Bool { machines.contains { $0.action == .create || $0.action == .update || $0.action == .delete } }

    /// Machines whose problem forbids applying the plan at all (anything but being unreachable).
    public var blockingProblems: [PlannedMachine] {
        machines.filter { $0.problem.map { !$0.isUnreachable } ?? false }
    }

    /// Machines to change with a destructive change: `apply` refuses the whole plan without `--allow-destructive`.
    public var destructiveMachines: [PlannedMachine] {
        machines.filter { !$0.destructive.isEmpty && ($0.action == .create || $0.action == .update) }
    }

    /// The per-machine differences of the machines that could be planned, as `strata diff` shows them.
    public var diff: ConfigDiff { ConfigDiff(machines: machines.compactMap(\.diff)) }

    /// The cluster's entry.
    public func cluster(_ name: ClusterName) -> PlannedCluster? { clusters.first { $0.cluster == name } }
}
