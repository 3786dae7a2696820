import StrataModel
public import StrataPlan

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
