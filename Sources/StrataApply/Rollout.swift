public import StrataModel
public import StrataPlan

/// Pushes a plan through the agents, machine after machine (or `parallel` at a time), in the plan's order; stops
/// starting new machines at the first failure, so the machines after it are left untouched. With
/// `rollbackOnFailure`, the machines this rollout changed are then rolled back to the generation they had before —
/// except after a `conflict`, which means another controller changed the machine first: nothing is rolled back then.
/// A stop request (a signal, seen through `shouldStop`) is honoured between machines, never in the middle of one.
public enum Rollout {
    /// Who applies and how many machines may change at once.
    public struct Options: Sendable {
        /// Machines changed at once (1: strictly one after the other).
        public var parallel: Int
        /// `user@host`, recorded in each new generation.
        public var appliedBy: String?
        /// After a failure, roll back every machine this rollout changed (newest first).
        public var rollbackOnFailure: Bool
        /// Asked before each machine is started; `true` stops the rollout there (the machines left are not attempted).
        public var shouldStop: @Sendable () -> Bool

        /// Creates options.
        public init(
            parallel: Int = 1, appliedBy: String?, rollbackOnFailure: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false }
        ) {
            self.parallel = max(1, parallel)
            self.appliedBy = appliedBy
            self.rollbackOnFailure = rollbackOnFailure
            self.shouldStop = shouldStop
        }
    }

    /// Applies `plan`. Machines to create or update are sent their configuration with the generation they were
    /// planned against; the others are reported without being contacted. `progress` hears of each machine as it
    /// starts and as it ends, from the calling task; `rolledBack` of each machine rolled back after a failure.
    public static func run(
        _ plan: Plan, using connections: AgentConnections, secrets: SecretResolver, options: Options,
        progress: (RolloutEvent) -> Void, rolledBack: (MachineResult) -> Void = { _ in }
    ) async -> RolloutReport {
        var results: [MachineResult?] = Array(repeating: nil, count: plan.machines.count)
        var queue: [Int] = []
        // Releases (machines that left the repository) come after every change, so a failed change stops them too.
        var releases: [Int] = []
        for (index, machine) in plan.machines.enumerated() {
            if let problem = machine.problem {
                results[index] = MachineResult(machine: machine, outcome: problem.isUnreachable ? .skipped(problem) : .failed(problem))
            } else if machine.action == .create || machine.action == .update {
                queue.append(index)
            } else if machine.action == .delete {
                releases.append(index)
            } else if machine.action == .noop {
                results[index] = MachineResult(machine: machine, outcome: .unchanged)
            } else {
                let problem = AgentCallError(.unreachable, "the state of \(machine.machine) was not known when the plan was made")
                results[index] = MachineResult(machine: machine, outcome: .skipped(problem))
            }
        }
        queue += releases
        // A plan with a machine that must not be applied (version mismatch, refused token) changes nothing at all.
        var stopped = !plan.blockingProblems.isEmpty
        var interrupted = false
        var configurationFailed = false
        // Indices of the machines applied, in the order they finished: rolled back in the reverse order.
        var changed: [Int] = []
        await withTaskGroup(of: (Int, MachineOutcome).self) { group in
            var next = 0
            var running = 0
            func mayStart() -> Bool {
                guard !stopped, next < queue.count, running < options.parallel else { return false }
                if options.shouldStop() {
                    stopped = true
                    interrupted = true
                    return false
                }
                return true
            }
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
                switch outcome {
                case .failed(let error):
                    stopped = true
                    // A conflict means another controller moved the machine first: its change is not ours to undo,
                    // and rolling back what we applied would undo the other controller's commit too.
                    if error.code != .conflict { configurationFailed = true }
                case .applied: changed.append(index)
                default: break
                }
                progress(.finished(result))
            }
            for index in queue[next...] {
                results[index] = MachineResult(machine: plan.machines[index], outcome: .notAttempted)
            }
        }
        var report = RolloutReport(results: results.compactMap { $0 }, stopped: stopped, interrupted: interrupted)
        if options.rollbackOnFailure, configurationFailed, !changed.isEmpty {
            for index in changed.reversed() {
                guard var result = results[index], case .applied(let state) = result.outcome else { continue }
                result.rollback = await rollBack(result.machine, from: state, connections: connections, appliedBy: options.appliedBy)
                results[index] = result
                rolledBack(result)
            }
            report.results = results.compactMap { $0 }
        }
        return report
    }

    private static func apply(
        _ machine: PlannedMachine, commit: String?, connections: AgentConnections, secrets: SecretResolver, appliedBy: String?
    ) async -> MachineOutcome {
        if machine.action == .delete { return await release(machine, commit: commit, connections: connections, releasedBy: appliedBy) }
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
            var state = try await agent.apply(request)
            // The outcome keeps what the report shows (generation, hash, warnings); the configuration the agent
            // echoes back is not held for the rest of the rollout (2,000 machines' tables: gigabytes).
            state.configuration = nil
            return .applied(state)
        } catch {
            return error.isUnreachable ? .skipped(error) : .failed(error)
        }
    }
}

/// What happened to one machine during an apply.
public enum MachineOutcome: Sendable {
    /// The agent took the configuration; its new state (without the configuration it echoes).
    case applied(AgentState)
    /// The machine left the repository and its agent recorded the release; its state (same generation, with `release`).
    case released(AgentState)
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
    /// When the rollout rolled this machine back after a failure elsewhere: how that went.
    public var rollback: RollbackOutcome? = nil
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
    /// Whether a failure (or a stop request) stopped the rollout before every machine was tried.
    public var stopped: Bool
    /// Whether a stop request (SIGTERM, SIGINT) stopped it between machines.
    public var interrupted: Bool = false

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
            case .released: break
            }
        }
        return counts
    }

    /// Machines released (they left the repository).
    public var released: Int { results.filter { if case .released = $0.outcome { true } else { false } }.count }

    /// Whether any machine failed.
    public var failed: Bool { counts.failed > 0 }

    /// Machines rolled back, and rollbacks that did not succeed.
    public var rollbackCounts: (rolledBack: Int, failed: Int) {
        var counts = (rolledBack: 0, failed: 0)
        for result in results {
            switch result.rollback {
            case .rolledBack?: counts.rolledBack += 1
            case .failed?: counts.failed += 1
            case nil: break
            }
        }
        return counts
    }
}
