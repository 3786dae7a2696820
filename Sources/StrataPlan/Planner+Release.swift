public import StrataModel

extension Planner {
    /// The plan entries of machines that left the repository (their readings come from the commit that still had
    /// them): a machine whose state holds a generation and no release is to be released (action `delete`); one
    /// already released, or that never held a generation, needs nothing. An unreachable one is a warning, not an
    /// entry: a machine taken away for good must not keep every later plan from being clean.
    public static func releases(_ departed: [LiveMachine]) -> (machines: [PlannedMachine], warnings: [ClusterName: [String]]) {
        var machines: [PlannedMachine] = []
        var warnings: [ClusterName: [String]] = [:]
        for reading in departed {
            let target = reading.target
            switch reading.outcome {
            case .failure(let error):
                warnings[target.cluster, default: []].append(
                    "\(target.label) is no longer in the repository, but its agent could not be read, so it is not released: \(error.message)")
            case .success(let state):
                guard state.generation > 0, state.release == nil else { continue }
                machines.append(PlannedMachine(
                    cluster: target.cluster, machine: target.machine, endpoint: target.endpoint, action: .delete, reachable: true,
                    version: state.version, liveGeneration: state.generation, problem: nil, changes: [], notes: [],
                    configuration: nil, configHash: nil, secretReferences: []))
            }
        }
        return (machines, warnings)
    }
}

extension Plan {
    /// This plan with the releases of departed machines and the warnings of their search added.
    public func adding(releases: [PlannedMachine], warnings: [ClusterName: [String]]) -> Plan {
        var plan = self
        for index in plan.clusters.indices { plan.clusters[index].warnings += warnings[plan.clusters[index].cluster] ?? [] }
        plan.machines = (machines + releases).sorted { ($0.cluster, $0.machine) < ($1.cluster, $1.machine) }
        return plan
    }
}
