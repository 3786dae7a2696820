import Foundation
public import StrataModel
public import StrataPlan
import StrataState

/// The in-process "agent" of a cluster without `agents:`: a state store in the repository's `.strata/state/`,
/// with the agent's semantics (the expected generation is checked under the store's lock, then committed).
public struct EmbeddedAgent: MachineAgent {
    /// The machine's state directory.
    public let directory: String
    /// The machine it holds the state of.
    public let machine: MachineName
    /// The version it reports: the cluster's `requires.version`, or `embedded`.
    public let version: String

    /// An embedded agent for `machine` in `directory`; nothing is created before the first apply.
    public init(directory: String, machine: MachineName, version: String) {
        self.directory = directory
        self.machine = machine
        self.version = version
    }

    /// The store's state; generation 0 (and nothing created) before the first apply.
    public func state() async throws(AgentCallError) -> AgentState {
        guard FileManager.default.fileExists(atPath: directory) else {
            return AgentState(
                machine: machine.rawValue, version: version, generation: 0, current: nil, configuration: nil, secretDigests: [:],
                history: [])
        }
        do {
            return try StateStore(directory: directory).state(machine: machine.rawValue, version: version)
        } catch {
            throw AgentCallError(.stateStore, "cannot read the state of \(machine) in \(directory)", cause: error.description)
        }
    }

    /// Commits the configuration as the next generation if the store is still at the expected one.
    public func apply(_ request: ApplyRequest) async throws(AgentCallError) -> AgentState {
        guard request.machine == machine.rawValue else {
            throw AgentCallError(.wrongMachine, "the configuration is addressed to \(request.machine), not \(machine)")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw AgentCallError(.stateStore, "cannot create the state directory \(directory)", cause: "\(error)")
        }
        return try await advance(.apply(request), cannotOpen: "cannot create the state directory \(directory)")
    }

    /// Opens the store, runs the generation protocol with nothing to install, and reads the state it leaves.
    func advance(_ change: GenerationChange, cannotOpen: String) async throws(AgentCallError) -> AgentState {
        let store: StateStore
        do {
            store = try StateStore(directory: directory)
        } catch {
            throw AgentCallError(.stateStore, cannotOpen, cause: "\(error)")
        }
        do {
            _ = try store.advance(change, installer: RecordOnly())
        } catch {
            throw await refusal(error, to: change)
        }
        return try await state()
    }

    /// The generation protocol's refusal in the controller's words, with the state the store is left in.
    func refusal(_ error: GenerationFailure<Never>, to change: GenerationChange) async -> AgentCallError {
        let rollback: Int? = if case .rollback(let request) = change { request.toGeneration } else { nil }
        var problem: AgentCallError
        switch error {
        case .locking(let cause), .store(let cause), .unrecorded(let cause, _):
            let verb = rollback == nil ? "write" : "roll back"
            return AgentCallError(.stateStore, "cannot \(verb) the state of \(machine) in \(directory)", cause: "\(cause)")
        case .conflict(let current):
            let words = rollback == nil ? "as planned; nothing was changed" : "as expected; nothing was rolled back"
            problem = AgentCallError(.conflict, "\(machine) is at generation \(current), not \(change.expectedGeneration) \(words)")
        case .notEarlier(let current):
            problem = AgentCallError(.malformed, "generation \(rollback ?? 0) is not an earlier generation of \(machine) (now \(current))")
        case .notKept where (rollback ?? 0) < 1:
            // Generation 0 and below were never kept: a request for them is malformed, not late.
            problem = AgentCallError(
                .malformed,
                "generation \(rollback ?? 0) is not an earlier generation of \(machine) (now \(change.expectedGeneration))")
        case .notKept:
            problem = AgentCallError(.notFound, "generation \(rollback ?? 0) of \(machine) is no longer kept")
        case .install(let impossible):
            switch impossible {}
        }
        problem.state = try? await state()
        return problem
    }
}
