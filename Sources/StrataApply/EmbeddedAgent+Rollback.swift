import Foundation
public import StrataModel
public import StrataPlan
import StrataState

extension EmbeddedAgent {
    /// Makes a kept generation's configuration and secrets current again as a new generation (recording which
    /// one it restored), if the store is still at the expected generation: the agent's `POST /v1/rollback`.
    public func rollback(_ request: RollbackRequest) async throws(AgentCallError) -> AgentState {
        guard request.machine == machine.rawValue else {
            throw AgentCallError(.wrongMachine, "the rollback is addressed to \(request.machine), not \(machine)")
        }
        guard FileManager.default.fileExists(atPath: directory) else {
            throw AgentCallError(.notFound, "\(machine) has no state in \(directory) to roll back")
        }
        return try await advance(.rollback(request), cannotOpen: "cannot roll back the state of \(machine) in \(directory)")
    }
}
