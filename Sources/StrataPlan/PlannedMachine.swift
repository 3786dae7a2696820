public import StrataModel

/// One machine of a plan.
public struct PlannedMachine: Sendable {
    /// Its cluster.
    public var cluster: ClusterName
    /// The machine.
    public var machine: MachineName
    /// Where its state is.
    public var endpoint: MachineTarget.Endpoint
    /// What applying does.
    public var action: MachineAction
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
    /// The changes that would stop it accepting or relaying mail: `apply` refuses them without `--allow-destructive`.
    public var destructive: [DestructiveChange] = []

    /// Creates a planned machine.
    public init(
        cluster: ClusterName, machine: MachineName, endpoint: MachineTarget.Endpoint, action: MachineAction, reachable: Bool,
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
    public var address: String { endpoint.address }

    /// The machine's differences in `strata diff` form; nil when its live state is unknown.
    public var diff: MachineDiff? {
        action == .unknown
            ? nil : MachineDiff(machine: machine, cluster: cluster, action: action, changes: changes, destructive: destructive)
    }

    /// The machine as a target to reach again.
    public func target(requiredVersion: String?) -> MachineTarget {
        MachineTarget(cluster: cluster, machine: machine, endpoint: endpoint, requiredVersion: requiredVersion)
    }
}
