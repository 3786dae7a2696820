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

/// Reads the states of many machines at once, at most `parallel` at a time, each call with its own timeout.
public enum LiveStateReader {
    /// The readings, in the order of `targets`.
    public static func fetch(_ targets: [MachineTarget], using connections: AgentConnections, parallel: Int) async -> [LiveMachine] {
        var outcomes = [Result<AgentState, AgentCallError>?](repeating: nil, count: targets.count)
        let width = max(1, parallel)
        await withTaskGroup(of: (Int, Result<AgentState, AgentCallError>).self) { group in
            var next = 0
            while next < min(width, targets.count) {
                let index = next
                group.addTask { (index, await read(targets[index], connections)) }
                next += 1
            }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < targets.count {
                    let index = next
                    group.addTask { (index, await read(targets[index], connections)) }
                    next += 1
                }
            }
        }
        return zip(targets, outcomes).map { target, outcome in
            LiveMachine(target: target, outcome: outcome ?? .failure(AgentCallError(.transport, "the state of \(target.machine) was not read")))
        }
    }

    private static func read(_ target: MachineTarget, _ connections: AgentConnections) async -> Result<AgentState, AgentCallError> {
        do {
            return .success(try await connections.agent(for: target).state())
        } catch {
            return .failure(error)
        }
    }
}
