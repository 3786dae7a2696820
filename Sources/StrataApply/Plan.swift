public import StrataModel
public import StrataPlan

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
    public var hasChanges: Bool { machines.contains { $0.action == .create || $0.action == .update } }

    /// Machines whose problem forbids applying the plan at all (anything but being unreachable).
    public var blockingProblems: [PlannedMachine] {
        machines.filter { $0.problem.map { !$0.isUnreachable } ?? false }
    }

    /// The per-machine differences of the machines that could be planned, as `strata diff` shows them.
    public var diff: ConfigDiff { ConfigDiff(machines: machines.compactMap(\.diff)) }

    /// The cluster's entry.
    public func cluster(_ name: ClusterName) -> PlannedCluster? { clusters.first { $0.cluster == name } }

    /// The machines with how to reach them again (for re-reading their states).
    public var targets: [ClusterTargets] {
        clusters.map { cluster in
            ClusterTargets(
                cluster: cluster.cluster, connection: cluster.connection, requiredVersion: cluster.requiredVersion,
                machines: machines.filter { $0.cluster == cluster.cluster }.map { $0.target(requiredVersion: cluster.requiredVersion) })
        }
    }
}

/// What applying does to one machine: `unknown` when its live state could not be read.
public enum PlanAction: String, Sendable, Hashable, CaseIterable {
    case create
    case update
    case noop
    case unknown
}

/// One cluster of a plan.
public struct PlannedCluster: Sendable, Hashable {
    /// The cluster.
    public var cluster: ClusterName
    /// Embedded state store or agents (the token as a reference only).
    public var connection: ClusterConnection
    /// `requires.version`, checked again when applying.
    public var requiredVersion: String?
    /// The commit of the cluster's files when they were clean at HEAD; sent with each apply.
    public var commit: String?
    /// Warnings about reaching its machines (plain HTTP beyond loopback).
    public var warnings: [String]

    /// Creates a cluster entry.
    public init(cluster: ClusterName, connection: ClusterConnection, requiredVersion: String?, commit: String?, warnings: [String] = []) {
        self.cluster = cluster
        self.connection = connection
        self.requiredVersion = requiredVersion
        self.commit = commit
        self.warnings = warnings
    }
}

/// One machine of a plan.
public struct PlannedMachine: Sendable {
    /// Its cluster.
    public var cluster: ClusterName
    /// The machine.
    public var machine: MachineName
    /// Where its state is.
    public var endpoint: MachineTarget.Endpoint
    /// What applying does.
    public var action: PlanAction
    /// Whether its agent answered.
    public var reachable: Bool
    /// The version its agent reported.
    public var version: String?
    /// The live generation the plan was made against (nil when unknown).
    public var liveGeneration: Int?
    /// Why it could not be planned, or why it must not be applied (version mismatch).
    public var problem: AgentCallError?
    /// The changes, live → desired.
    public var changes: [ConfigChange]
    /// What the comparison could not settle.
    public var notes: [String]
    /// The desired configuration as canonical JSON (secrets as references), for create and update.
    public var configuration: JSON?
    /// The desired configuration hash, when every secret could be resolved for hashing.
    public var configHash: String?
    /// The secrets the configuration refers to; resolved only when applying.
    public var secretReferences: [SecretReference]

    /// Creates a planned machine.
    public init(
        cluster: ClusterName, machine: MachineName, endpoint: MachineTarget.Endpoint, action: PlanAction, reachable: Bool,
        version: String?, liveGeneration: Int?, problem: AgentCallError?, changes: [ConfigChange], notes: [String],
        configuration: JSON?, configHash: String?, secretReferences: [SecretReference]
    ) {
        self.cluster = cluster
        self.machine = machine
        self.endpoint = endpoint
        self.action = action
        self.reachable = reachable
        self.version = version
        self.liveGeneration = liveGeneration
        self.problem = problem
        self.changes = changes
        self.notes = notes
        self.configuration = configuration
        self.configHash = configHash
        self.secretReferences = secretReferences
    }

    /// `cluster/machine`.
    public var label: String { "\(cluster)/\(machine)" }

    /// The agent URL, or `embedded`.
    public var address: String {
        switch endpoint {
        case .agent(let url): url
        case .embedded: "embedded"
        }
    }

    /// The machine's differences in `strata diff` form; nil when its live state is unknown.
    public var diff: MachineDiff? {
        let action: DiffAction
        switch self.action {
        case .create: action = .create
        case .update: action = .update
        case .noop: action = .noop
        case .unknown: return nil
        }
        return MachineDiff(machine: machine, cluster: cluster, action: action, changes: changes)
    }

    /// The machine as a target to reach again.
    public func target(requiredVersion: String?) -> MachineTarget {
        MachineTarget(cluster: cluster, machine: machine, endpoint: endpoint, requiredVersion: requiredVersion)
    }
}

/// How many machines each action touches, and what could not be planned.
public struct PlanSummary: Sendable, Hashable {
    /// Machines to create (nothing live yet), update, leave alone, and whose state is unknown.
    public var create = 0, update = 0, noop = 0, unknown = 0
    /// Changes in all.
    public var changes = 0
    /// Machines whose agent could not be reached.
    public var unreachable = 0
    /// Machines with any other problem (version mismatch, refused token, bad answer).
    public var errors = 0

    /// Counts the machines of a plan.
    public init(_ machines: [PlannedMachine]) {
        for machine in machines {
            switch machine.action {
            case .create: create += 1
            case .update: update += 1
            case .noop: noop += 1
            case .unknown: unknown += 1
            }
            changes += machine.changes.count
            if let problem = machine.problem {
                if problem.isUnreachable { unreachable += 1 } else { errors += 1 }
            }
        }
    }
}
