public import StrataModel

/// Pushes a plan through the agents, machine after machine (or `parallel` at a time), in the plan's order; stops
/// starting new machines at the first failure, so the machines after it are left untouched.
public enum Rollout {
    /// Who applies and how many machines may change at once.
    public struct Options: Sendable {
        /// Machines changed at once (1: strictly one after the other).
        public var parallel: Int
        /// `user@host`, recorded in each new generation.
        public var appliedBy: String?

        /// Creates options.
        public init(parallel: Int = 1, appliedBy: String?) {
            self.parallel = max(1, parallel)
            self.appliedBy = appliedBy
        }
    }

    /// Applies `plan`. Machines to create or update are sent their configuration with the generation they were
    /// planned against; the others are reported without being contacted. `progress` hears of each machine as it
    /// starts and as it ends, from the calling task.
    public static func run(
        _ plan: Plan, using connections: AgentConnections, secrets: SecretResolver, options: Options,
        progress: (RolloutEvent) -> Void
    ) async -> RolloutReport {
        var results: [MachineResult?] = Array(repeating: nil, count: plan.machines.count)
        var queue: [Int] = []
        for (index, machine) in plan.machines.enumerated() {
            if let problem = machine.problem {
                results[index] = MachineResult(machine: machine, outcome: problem.isUnreachable ? .skipped(problem) : .failed(problem))
            } else if machine.action == .create || machine.action == .update {
                queue.append(index)
            } else if machine.action == .noop {
                results[index] = MachineResult(machine: machine, outcome: .unchanged)
            } else {
                let problem = AgentCallError(.unreachable, "the state of \(machine.machine) was not known when the plan was made")
                results[index] = MachineResult(machine: machine, outcome: .skipped(problem))
            }
        }
        // A plan with a machine that must not be applied (version mismatch, refused token) changes nothing at all.
        var stopped = !plan.blockingProblems.isEmpty
        await withTaskGroup(of: (Int, MachineOutcome).self) { group in
            var next = 0
            var running = 0
            func mayStart() -> Bool { !stopped && next < queue.count && running < options.parallel }
            while true {
                while mayStart() {
                    let index = queue[next]
                    let machine = plan.machines[index]
                    let commit = plan.cluster(machine.cluster)?.commit
                    progress(.started(machine))
                    group.addTask {
                        (index, await apply(machine, commit: commit, connections: connections, secrets: secrets, appliedBy: options.appliedBy))
                    }
                    next += 1
                    running += 1
                }
                guard let (index, outcome) = await group.next() else { break }
                running -= 1
                let result = MachineResult(machine: plan.machines[index], outcome: outcome)
                results[index] = result
                if case .failed = outcome { stopped = true }
                progress(.finished(result))
            }
            for index in queue[next...] {
                results[index] = MachineResult(machine: plan.machines[index], outcome: .notAttempted)
            }
        }
        return RolloutReport(results: results.compactMap { $0 }, stopped: stopped)
    }

    private static func apply(
        _ machine: PlannedMachine, commit: String?, connections: AgentConnections, secrets: SecretResolver, appliedBy: String?
    ) async -> MachineOutcome {
        guard let configuration = machine.configuration, let expected = machine.liveGeneration else {
            return .failed(AgentCallError(.configuration, "the plan has no configuration or generation for \(machine.machine)"))
        }
        do {
            // Secrets first: a missing one fails this machine before anything is sent.
            let values = try secrets.values(of: machine.secretReferences)
            let agent = try connections.agent(for: machine.target(requiredVersion: nil))
            let request = ApplyRequest(
                machine: machine.machine.rawValue, expectedGeneration: expected, configuration: configuration, secrets: values,
                commit: commit, appliedBy: appliedBy)
            return .applied(try await agent.apply(request))
        } catch {
            return error.isUnreachable ? .skipped(error) : .failed(error)
        }
    }
}

/// What happened to one machine during an apply.
public enum MachineOutcome: Sendable {
    /// The agent took the configuration; its new state.
    case applied(AgentState)
    /// Nothing to change; not contacted.
    case unchanged
    /// Not reached (unreachable when planned or now); nothing was sent, the next apply catches it up.
    case skipped(AgentCallError)
    /// It failed (conflict, refused configuration, failed health check, missing secret, version mismatch...).
    case failed(AgentCallError)
    /// The rollout stopped at an earlier failure before reaching it: untouched.
    case notAttempted
}

/// One machine and its outcome.
public struct MachineResult: Sendable {
    /// The machine as planned.
    public var machine: PlannedMachine
    /// What happened.
    public var outcome: MachineOutcome
}

/// A machine starting or ending, as the rollout goes.
public enum RolloutEvent: Sendable {
    /// The configuration is being sent.
    case started(PlannedMachine)
    /// The machine is done, one way or another.
    case finished(MachineResult)
}

/// Every machine's outcome, in plan order.
public struct RolloutReport: Sendable {
    /// The outcomes.
    public var results: [MachineResult]
    /// Whether a failure stopped the rollout before every machine was tried.
    public var stopped: Bool

    /// Machines applied, unchanged, skipped, failed and not attempted.
    public var counts: (applied: Int, unchanged: Int, skipped: Int, failed: Int, notAttempted: Int) {
        var counts = (applied: 0, unchanged: 0, skipped: 0, failed: 0, notAttempted: 0)
        for result in results {
            switch result.outcome {
            case .applied: counts.applied += 1
            case .unchanged: counts.unchanged += 1
            case .skipped: counts.skipped += 1
            case .failed: counts.failed += 1
            case .notAttempted: counts.notAttempted += 1
            }
        }
        return counts
    }

    /// Whether any machine failed.
    public var failed: Bool { counts.failed > 0 }
}
