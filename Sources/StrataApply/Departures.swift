import Foundation
public import StrataModel
public import StrataPlan

/// Machines that left the repository but whose agents (or embedded state) still hold a generation of the
/// cluster: what `plan` releases and `status` shows. Found by comparing with the commits the live machines
/// last applied (embedded clusters: the state directory's entries), reached through that commit's files.
public struct Departures: Sendable {
    /// Each departed machine's reading (its target comes from the commit that still had it).
    public var machines: [LiveMachine] = []
    /// What could not be looked at (a commit that cannot be read), per cluster.
    public var warnings: [ClusterName: [String]] = [:]

    /// Nothing departed.
    public init() {}

    /// Every warning, cluster by cluster.
    public var allWarnings: [String] { warnings.keys.sorted().flatMap { warnings[$0] ?? [] } }
}

/// The machines of a cluster at an earlier commit; throws (any error, shown as a warning) when that commit
/// cannot be read. The CLI reads it with git; nil means no history is available (not a git repository).
public typealias ClusterHistory = @Sendable (ClusterName, String) throws -> ClusterTargets

/// Machines whose files the repository's history removed, per cluster, each with the newest commit that still had
/// its file: where to reach a machine that was unreachable when the survivors applied, or whose cluster has none left.
public typealias RemovedMachines = [ClusterName: [MachineName: String]]

extension LiveSession {
    /// The departed machines of every cluster and their states, at most `parallel` read at once. `live` is what
    /// the machines still in the repository answered (their applied commits name where to look); `elsewhere` names
    /// the machines of the repository's clusters that this session did not load (`--cluster`); `removed` adds the
    /// commits that last had the files the history removed.
    public func departures(
        from live: [LiveMachine], history: ClusterHistory?, elsewhere: Set<MachineName> = [], removed: RemovedMachines = [:],
        parallel: Int
    ) async throws -> Departures {
        var departures = Departures()
        // An agent serves one machine whatever its cluster: one moved to another cluster of the repository has not left.
        let present = Set(clusters.flatMap(\.machines).map(\.machine)).union(elsewhere)
        var augmented: [ClusterTargets] = []
        var candidates: [MachineTarget] = []
        var search = FormerMachines(history: history)
        for cluster in clusters {
            var found: [MachineTarget] = []
            switch cluster.connection {
            case .embedded(let directory, _):
                // Each embedded cluster has its own directory: a machine moved to another cluster left this one.
                found = Self.embeddedLeftovers(in: directory, cluster: cluster.cluster, present: Set(cluster.machines.map(\.machine)))
            case .agents:
                let applied = Set(live.filter { $0.target.cluster == cluster.cluster }.compactMap { $0.state?.current?.appliedCommit })
                var commits = applied
                for (machine, commit) in removed[cluster.cluster] ?? [:] where !present.contains(machine) { commits.insert(commit) }
                for commit in commits.sorted() {
                    let why = applied.contains(commit)
                        ? "which machines of the cluster last applied" : "the last to have the file of a machine removed since"
                    guard let former = search.machines(of: cluster.cluster, at: commit, warnings: &departures.warnings, why: why)
                    else { continue }
                    for target in former where !present.contains(target.machine) && !found.contains(where: { $0.machine == target.machine }) {
                        found.append(MachineTarget(
                            cluster: cluster.cluster, machine: target.machine, endpoint: target.endpoint, requiredVersion: nil,
                            problem: target.problem))
                    }
                }
            }
            var widened = cluster
            widened.machines += found
            augmented.append(widened)
            candidates += found
        }
        guard !candidates.isEmpty else { return departures }
        let targets = candidates
        let readings = try await AgentConnections.with(augmented, options: connection, secrets: secrets, logger: logger) { connections in
            await LiveStateReader.fetch(targets, using: connections, parallel: parallel)
        }
        // A machine whose own last commit does not put it in this cluster (it moved to a cluster not loaded now, or
        // was given to another repository) has not left this cluster: it is not this cluster's to release.
        departures.machines = readings.filter { reading in
            guard case .agent = reading.target.endpoint, let commit = reading.state?.current?.appliedCommit else { return true }
            var ignored: [ClusterName: [String]] = [:]
            return search.machines(of: reading.target.cluster, at: commit, warnings: &ignored)?
                .contains { $0.machine == reading.target.machine } ?? false
        }
        return departures
    }

    /// The machines with a state directory in an embedded cluster's directory but no file in the repository.
    static func embeddedLeftovers(in directory: String, cluster: ClusterName, present: Set<MachineName>) -> [MachineTarget] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            guard NameRules.isValidMachineName(name), !present.contains(MachineName(name)),
                  FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue
            else { return nil }
            return MachineTarget(cluster: cluster, machine: MachineName(name), endpoint: .embedded(directory: directory + "/" + name), requiredVersion: nil)
        }
    }
}
