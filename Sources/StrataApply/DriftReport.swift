public import StrataModel
import StrataCompile
public import StrataPlan
import StrataCatalogue

/// `strata check`: where the live state differs from the desired one, per machine and feature, and where
/// machines that should agree on a cluster-mode feature do not (Cisco's clustercheck).
public struct DriftReport: Sendable {
    /// One machine's drift.
    public struct Machine: Sendable {
        /// The machine and how it was reached.
        public var target: MachineTarget
        /// Its state, when it answered.
        public var state: AgentState?
        /// Why it could not be checked (or the version mismatch).
        public var problem: AgentCallError?
        /// The differences, live → desired, grouped by feature in catalogue order.
        public var features: [(feature: String, changes: [ConfigChange])]
        /// What could not be settled.
        public var notes: [String]

        /// Whether the live state differs from the desired one.
        public var drifted: Bool { !features.isEmpty || !backendDrift.isEmpty }
    }

    /// A cluster-mode feature whose live value is not the same on every machine that takes it from cluster mode.
    public struct Disagreement: Sendable {
        /// One live value and the machines that have it.
        public struct Variant: Sendable {
            /// Whether this value is the desired one.
            public var matchesDesired: Bool
            /// The machines, with who applied their current generation and when.
            public var machines: [(machine: MachineName, current: GenerationSummary?)]
        }

        /// The cluster.
        public var cluster: ClusterName
        /// The feature.
        public var feature: String
        /// The distinct live values, the desired one first when present.
        public var variants: [Variant]
    }

    /// Every machine, in target order.
    public var machines: [Machine]
    /// Cluster-mode features the machines disagree on.
    public var disagreements: [Disagreement]

    /// Whether any machine drifted, any machines disagree, or a virtual address has two holders.
    public var hasDrift: Bool { machines.contains(where: \.drifted) || !disagreements.isEmpty || !splitBrains.isEmpty }
    /// Whether any machine could not be checked.
    public var hasProblems: Bool { machines.contains { $0.problem != nil } }

    /// Compares every reading with its desired configuration, then the machines of each cluster with each other.
    public init(desired: [EffectiveConfiguration], live: [LiveMachine], secrets: SecretResolver) {
        var byMachine: [String: EffectiveConfiguration] = [:]
        for configuration in desired { byMachine["\(configuration.cluster)/\(configuration.machine)"] = configuration }
        var machines: [Machine] = []
        var liveValues: [String: [String: Value?]] = [:]
        for reading in live {
            var entry = Machine(target: reading.target, state: reading.state, problem: reading.problem, features: [], notes: [])
            if let state = reading.state, let wanted = byMachine[reading.target.label] {
                let comparison = LiveComparison(desired: wanted, live: state, secrets: secrets)
                entry.notes = comparison.notes
                var grouped: [(feature: String, changes: [ConfigChange])] = []
                for change in comparison.changes {
                    let feature = LiveComparison.feature(of: change.path)
                    if grouped.last?.feature == feature { grouped[grouped.count - 1].changes.append(change) } else { grouped.append((feature, [change])) }
                }
                entry.features = grouped
                liveValues[reading.target.label] = Self.values(of: state, machine: wanted.machine)
            }
            machines.append(entry)
        }
        self.machines = machines
        disagreements = Self.disagreements(desired: desired, machines: machines, liveValues: liveValues)
    }

    /// The live value of each feature (nil inside when the agent has nothing yet or it cannot be read).
    private static func values(of state: AgentState, machine: MachineName) -> [String: Value?] {
        guard state.generation > 0, let configuration = state.configuration else { return [:] }
        guard let decoded = CanonicalDecoder.decode(configuration, machine: machine).0 else { return [:] }
        var values: [String: Value?] = [:]
        for feature in decoded.features { values[feature.name] = feature.value }
        return values
    }

    private static func disagreements(
        desired: [EffectiveConfiguration], machines: [Machine], liveValues: [String: [String: Value?]]
    ) -> [Disagreement] {
        var result: [Disagreement] = []
        let clusters = Array(Set(desired.map(\.cluster))).sorted()
        for cluster in clusters {
            let members = desired.filter { $0.cluster == cluster }.sorted { $0.machine < $1.machine }
            for name in Catalogue.names {
                let fromCluster = members.filter { $0[feature: name]?.provenance == .configured(.cluster) }
                guard fromCluster.count > 1, let wanted = fromCluster.first?[feature: name]?.value else { continue }
                var variants: [(value: Value, entry: Disagreement.Variant)] = []
                for member in fromCluster {
                    let label = "\(cluster)/\(member.machine)"
                    guard let values = liveValues[label], let found = values[name], let value = found else { continue }
                    let current = machines.first { $0.target.label == label }?.state?.current
                    if let index = variants.firstIndex(where: { $0.value == value }) {
                        variants[index].entry.machines.append((member.machine, current))
                    } else {
                        variants.append((value, Disagreement.Variant(matchesDesired: value == wanted, machines: [(member.machine, current)])))
                    }
                }
                guard variants.count > 1 else { continue }
                let ordered = variants.filter { $0.entry.matchesDesired } + variants.filter { !$0.entry.matchesDesired }
                result.append(Disagreement(cluster: cluster, feature: name, variants: ordered.map(\.entry)))
            }
        }
        return result
    }
}
