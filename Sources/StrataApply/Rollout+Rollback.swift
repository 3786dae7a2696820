public import StrataModel
public import StrataPlan

/// How rolling one machine back went.
public enum RollbackOutcome: Sendable {
    /// The machine runs its earlier configuration again, as a new generation (its `restoredFrom` names the one
    /// it restored).
    case rolledBack(AgentState)
    /// The rollback was refused or could not be made; the machine keeps the configuration this rollout gave it.
    case failed(AgentCallError)
}

extension Rollout {
    /// Asks the machine's agent to make the generation it had before this rollout current again. A machine that
    /// had no generation before (created by this rollout) has nothing to go back to.
    static func rollBack(
        _ machine: PlannedMachine, from state: AgentState, connections: AgentConnections, appliedBy: String?
    ) async -> RollbackOutcome {
        guard let before = machine.liveGeneration, before >= 1 else {
            return .failed(AgentCallError(
                .notFound, "\(machine.machine) had no configuration before this rollout, so there is no generation to go back to"))
        }
        do {
            let agent = try connections.agent(for: machine.target(requiredVersion: nil))
            let request = RollbackRequest(
                machine: machine.machine.rawValue, expectedGeneration: state.generation, toGeneration: before, appliedBy: appliedBy)
            return .rolledBack(try await agent.rollback(request))
        } catch {
            return .failed(error)
        }
    }
}
