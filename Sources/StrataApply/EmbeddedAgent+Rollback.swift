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
        let outcome: Result<Void, AgentCallError>
        do {
            let store = try StateStore(directory: directory)
            outcome = try store.withLock { () throws -> Result<Void, AgentCallError> in
                let current = try store.currentNumber()
                guard current == request.expectedGeneration else {
                    return .failure(AgentCallError(
                        .conflict,
                        "\(machine) is at generation \(current), not \(request.expectedGeneration) as expected; nothing was rolled back"))
                }
                guard request.toGeneration >= 1, request.toGeneration < current else {
                    return .failure(AgentCallError(
                        .malformed, "generation \(request.toGeneration) is not an earlier generation of \(machine) (now \(current))"))
                }
                guard let target = try store.load(request.toGeneration) else {
                    return .failure(AgentCallError(.notFound, "generation \(request.toGeneration) of \(machine) is no longer kept"))
                }
                let summary = GenerationSummary(
                    generation: current + 1,
                    configHash: StoredGeneration.configHash(configuration: target.configuration, secretDigests: target.secretDigests),
                    appliedCommit: target.summary.appliedCommit, appliedAt: Timestamp.now(), appliedBy: request.appliedBy,
                    restoredFrom: request.toGeneration)
                try store.commit(StoredGeneration(summary: summary, configuration: target.configuration, secrets: target.secrets))
                return .success(())
            }
        } catch {
            throw AgentCallError(.stateStore, "cannot roll back the state of \(machine) in \(directory)", cause: "\(error)")
        }
        if case .failure(var problem) = outcome {
            problem.state = try? await state()
            throw problem
        }
        return try await state()
    }
}
