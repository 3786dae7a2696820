import Foundation
public import StrataModel
public import StrataPlan
import StrataState

extension EmbeddedAgent {
    /// Records the release in the machine's state directory, as the agent's `POST /v1/release` does: the current
    /// generation stays current, a repeated release keeps the first record, another generation is a `conflict`.
    public func release(_ request: ReleaseRequest) async throws(AgentCallError) -> AgentState {
        guard request.machine == machine.rawValue else {
            throw AgentCallError(.wrongMachine, "the release is addressed to \(request.machine), not \(machine)")
        }
        guard FileManager.default.fileExists(atPath: directory) else {
            throw AgentCallError(.notFound, "\(machine) has no state in \(directory) to release")
        }
        let store: StateStore
        do {
            store = try StateStore(directory: directory)
        } catch {
            throw AgentCallError(.stateStore, "cannot open the state of \(machine) in \(directory)", cause: "\(error)")
        }
        do {
            _ = try store.release(request)
        } catch {
            guard case .conflict(let current) = error else {
                throw AgentCallError(.stateStore, "cannot record the release of \(machine) in \(directory)", cause: "\(error)")
            }
            var problem = AgentCallError(
                .conflict, "\(machine) is at generation \(current), not \(request.expectedGeneration) as planned; it was not released")
            problem.state = try? await state()
            throw problem
        }
        return try await state()
    }
}
