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
        let store: StateStore
        do {
            try FileManager.default.createDirectory(
                atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            store = try StateStore(directory: directory)
        } catch {
            throw AgentCallError(.stateStore, "cannot create the state directory \(directory)", cause: "\(error)")
        }
        let outcome: Result<Void, AgentCallError>
        do {
            outcome = try store.withLock { () throws -> Result<Void, AgentCallError> in
                let current = try store.currentNumber()
                guard current == request.expectedGeneration else {
                    return .failure(AgentCallError(
                        .conflict,
                        "\(machine) is at generation \(current), not \(request.expectedGeneration) as planned; nothing was changed"))
                }
                let digests = request.secrets.mapValues(StoredGeneration.digest)
                let summary = GenerationSummary(
                    generation: current + 1,
                    configHash: StoredGeneration.configHash(configuration: request.configuration, secretDigests: digests),
                    appliedCommit: request.commit, appliedAt: Timestamp.now(), appliedBy: request.appliedBy)
                try store.commit(StoredGeneration(summary: summary, configuration: request.configuration, secrets: request.secrets))
                return .success(())
            }
        } catch {
            throw AgentCallError(.stateStore, "cannot write the state of \(machine) in \(directory)", cause: "\(error)")
        }
        if case .failure(var conflict) = outcome {
            conflict.state = try? await state()
            throw conflict
        }
        return try await state()
    }
}
