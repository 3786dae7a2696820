public import StrataModel

/// One machine's live state as read, or why it could not be read.
public struct LiveMachine: Sendable {
    /// The machine and how it was reached.
    public var target: MachineTarget
    /// Its state, or the failure.
    public var outcome: Result<AgentState, AgentCallError>

    /// Creates a reading.
    public init(target: MachineTarget, outcome: Result<AgentState, AgentCallError>) {
        self.target = target
        self.outcome = outcome
    }

    /// The state, when it was read.
    public var state: AgentState? { try? outcome.get() }

    /// What is wrong with this machine: the failure to read it, or a version other than `requires.version`.
    public var problem: AgentCallError? {
        switch outcome {
        case .failure(let error): return error
        case .success(let state):
            guard let required = target.requiredVersion, state.version != required else { return nil }
            return AgentCallError(
                .versionMismatch, "\(target.machine) runs version \(state.version), but the cluster requires \(required)",
                cause: "requires.version in the cluster file; upgrade the machine, or change the requirement once every machine runs the new version")
        }
    }
}
