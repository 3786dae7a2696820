/// How many machines each action touches, and what could not be planned.
public struct PlanSummary: Sendable, Hashable {
    /// Machines to create (nothing live yet), update, leave alone, and whose state is unknown.
    public var create = 0, update = 0, noop = 0, unknown = 0
    /// Machines that left the repository, to be released (action `delete`).
    public var delete = 0
    /// Changes in all.
    public var changes = 0
    /// Machines whose agent could not be reached.
    public var unreachable = 0
    /// Machines with any other problem (version mismatch, refused token, bad answer).
    public var errors = 0

    /// Counts the machines of a plan.
    public init(_ machines: [PlannedMachine]) {
        for machine in machines {
            switch machine.action {
            case .create: create += 1
            case .update: update += 1
            case .noop: noop += 1
            case .unknown: unknown += 1
            // A machine removed from the repository is released, never torn down.
            case .delete: delete += 1
            }
            changes += machine.changes.count
            if let problem = machine.problem {
                if problem.isUnreachable { unreachable += 1 } else { errors += 1 }
            }
        }
    }
}
