import StrataModel
import StrataPlan

extension Rollout {
    /// Tells the agent of a machine that left the repository that it is released (`POST /v1/release`), planned
    /// against its live generation; the agent keeps serving that generation.
    static func release(_ machine: PlannedMachine, commit: String?, connections: AgentConnections, releasedBy: String?) async -> MachineOutcome {
        guard let expected = machine.liveGeneration else {
            return .failed(AgentCallError(.configuration, "the plan has no generation for \(machine.machine)"))
        }
        do {
            let agent = try connections.agent(for: machine.target(requiredVersion: nil))
            let request = ReleaseRequest(
                machine: machine.machine.rawValue, cluster: machine.cluster.rawValue, expectedGeneration: expected, commit: commit,
                releasedBy: releasedBy)
            return .released(try await agent.release(request))
        } catch {
            return error.isUnreachable ? .skipped(error) : .failed(error)
        }
    }
}
