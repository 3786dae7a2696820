public import StrataModel
import StrataCatalogue
import StrataState

/// Makes a plan from the desired configurations and the live states just read. Pure: secrets are seen only as
/// the digests `secrets` gives.
public enum Planner {
    /// The plan of every machine of `clusters`. `desired` holds the effective configurations; `commits` the
    /// commit of each cluster's files when clean.
    public static func plan(
        clusters: [ClusterTargets], desired: [EffectiveConfiguration], live: [LiveMachine],
        commits: [ClusterName: String], secrets: some SecretDigests, createdAt: String
    ) -> Plan {
        var byMachine: [String: EffectiveConfiguration] = [:]
        for configuration in desired { byMachine["\(configuration.cluster)/\(configuration.machine)"] = configuration }
        // Each machine's entry is its own work (comparing, hashing its canonical JSON): clusters on every core, each
        // cluster's machines sharing the JSON of their cluster and group values; entries in the order of `live`.
        let readings = live.compactMap { reading in byMachine[reading.target.label].map { (reading: reading, desired: $0) } }
        var byCluster: [ClusterName: [Int]] = [:]
        for (index, reading) in readings.enumerated() { byCluster[reading.desired.cluster, default: []].append(index) }
        let entries = Array(byCluster.values).parallelMap { indices in
            var shared = SharedFeatureJSON()
            return indices.map { (index: $0, entry: plan(readings[$0].desired, readings[$0].reading, secrets: secrets, shared: &shared)) }
        }
        var machines = [PlannedMachine?](repeating: nil, count: readings.count)
        for group in entries { for (index, entry) in group { machines[index] = entry } }
        let planned = clusters.map { cluster in
            PlannedCluster(
                cluster: cluster.cluster, connection: cluster.connection, requiredVersion: cluster.requiredVersion,
                commit: commits[cluster.cluster], warnings: cluster.warnings)
        }
        return Plan(createdAt: createdAt, clusters: planned, machines: machines.compactMap { $0 })
    }

    /// One machine's entry.
    public static func plan(_ desired: EffectiveConfiguration, _ reading: LiveMachine, secrets: some SecretDigests) -> PlannedMachine {
        var shared = SharedFeatureJSON()
        return plan(desired, reading, secrets: secrets, shared: &shared)
    }

    private static func plan(
        _ desired: EffectiveConfiguration, _ reading: LiveMachine, secrets: some SecretDigests, shared: inout SharedFeatureJSON
    ) -> PlannedMachine {
        let target = reading.target
        let references = SecretUse.references(in: desired)
        guard case .success(let state) = reading.outcome else {
            let problem = reading.problem
            return PlannedMachine(
                cluster: target.cluster, machine: target.machine, endpoint: target.endpoint, action: .unknown,
                reachable: problem.map(Self.answered) ?? false, version: nil, liveGeneration: nil, problem: problem, changes: [],
                notes: [], configuration: nil, configHash: nil, secretReferences: references)
        }
        let comparison = LiveComparison(desired: desired, live: state, secrets: secrets)
        var action = comparison.action
        var notes = comparison.notes
        // A released machine back in the repository re-joins: applying (even an unchanged configuration) makes its
        // generation current again under the cluster, which ends the release.
        if let release = state.release {
            if action == .noop { action = .update }
            notes.append("it was released from cluster \(release.cluster) at \(release.at); applying makes it a member again")
        }
        let changing = action == .create || action == .update
        let json = CanonicalDecoder.json(desired, shared: &shared)
        var digests: [String: String] = [:]
        var complete = true
        for reference in references {
            if let digest = secrets.digest(of: reference) { digests[reference.description] = digest } else { complete = false }
        }
        var planned = PlannedMachine(
            cluster: target.cluster, machine: target.machine, endpoint: target.endpoint, action: action, reachable: true,
            version: state.version, liveGeneration: state.generation, problem: reading.problem, changes: comparison.changes,
            notes: notes, configuration: changing ? json : nil,
            configHash: complete ? StoredGeneration.configHash(configuration: json, secretDigests: digests) : nil,
            secretReferences: references)
        planned.destructive = comparison.destructive
        return planned
    }

    /// Whether the agent answered at all (as opposed to never being reached).
    static func answered(_ error: AgentCallError) -> Bool {
        switch error.code {
        case .unreachable, .tls, .timeout, .transport, .configuration, .secretMissing, .stateStore: false
        default: true
        }
    }
}
