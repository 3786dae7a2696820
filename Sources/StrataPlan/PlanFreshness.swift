public import StrataModel

/// What has changed since a plan was made, from reading its machines again just before applying it.
///
/// A plan is stale when any machine it was made against is now at another generation: applying it would
/// overwrite a change nobody reviewed, so the whole plan is refused and nothing is applied.
public struct PlanFreshness: Sendable {
    /// A machine whose live generation moved.
    public struct Move: Sendable {
        /// The machine as planned.
        public var machine: PlannedMachine
        /// The generation it is at now.
        public var generation: Int
        /// Who made that generation, and when, if the agent says.
        public var current: GenerationSummary?
    }

    /// Machines at another generation than planned.
    public var moved: [Move] = []
    /// Machines that answer but must not be applied now (version mismatch, refused token, bad answer).
    public var problems: [(machine: PlannedMachine, problem: AgentCallError)] = []
    /// The plan to apply: as made, except that machines unreachable now are marked so (and will be skipped), and each
    /// machine's destructive findings are recomputed from its configuration and the live one read now.
    public var plan: Plan

    /// Compares the plan with the states read again (`live`, any order).
    public init(plan: Plan, live: [LiveMachine]) {
        var readings: [String: LiveMachine] = [:]
        for reading in live { readings[reading.target.label] = reading }
        var refreshed = plan
        for (index, machine) in plan.machines.enumerated() where machine.action != .unknown {
            guard let reading = readings[machine.label] else { continue }
            switch reading.outcome {
            case .failure(let error) where error.isUnreachable:
                refreshed.machines[index].problem = error
            case .failure(let error):
                problems.append((machine, error))
            case .success(let state):
                if state.generation != machine.liveGeneration {
                    moved.append(Move(machine: machine, generation: state.generation, current: state.current))
                }
                if let problem = reading.problem { problems.append((machine, problem)) }
                // The guard judges the file's configuration against the live one, not the file's own findings.
                refreshed.machines[index].destructive = machine.destructiveFindings(live: state) ?? machine.destructive
            }
        }
        self.plan = refreshed
    }

    /// Whether the plan must be refused whole.
    public var isStale: Bool { !moved.isEmpty || !problems.isEmpty }
}
