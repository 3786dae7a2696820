public import Logging
public import StrataPlan

/// `strata apply` without the printing: a saved plan is read again and refused whole when any machine moved; a
/// plan with a machine that must not be applied is refused; otherwise, once confirmed, it is rolled out. SIGTERM or
/// SIGINT during the rollout stops it between machines (``GracefulShutdown``), never inside one.
public struct PlanApplication: Sendable {
    /// What became of an apply.
    public enum Outcome: Sendable {
        /// A saved plan whose machines moved (or now answer with a problem) since it was made; nothing was applied.
        case stale(Plan, PlanFreshness)
        /// Machines whose problem forbids applying (version mismatch, refused token...); nothing was applied.
        case blocked(Plan)
        /// Machines with a destructive change and no `allowDestructive`; nothing was applied.
        case destructive(Plan)
        /// No machine to change.
        case nothingToApply(Plan)
        /// Rolled out, perhaps stopped by a failure or a signal.
        case rolledOut(Plan, RolloutReport)
    }

    /// The plan's machines and how to reach them.
    public var targets: [ClusterTargets]
    /// Secrets, resolved only for the apply request of the machine that needs them.
    public var secrets: SecretResolver
    /// Timeouts of the calls to agents.
    public var connection: ConnectionOptions
    /// Where the agent clients log.
    public var logger: Logger
    /// How to roll out (its `shouldStop` is replaced by the stop signal).
    public var rollout: Rollout.Options
    /// States read at once when checking a saved plan.
    public var readParallel: Int
    /// Apply destructive changes too (`--allow-destructive`); otherwise a plan with one is refused whole.
    public var allowDestructive = false

    /// Creates an application.
    public init(
        targets: [ClusterTargets], secrets: SecretResolver, connection: ConnectionOptions, logger: Logger, rollout: Rollout.Options,
        readParallel: Int
    ) {
        self.targets = targets
        self.secrets = secrets
        self.connection = connection
        self.logger = logger
        self.rollout = rollout
        self.readParallel = readParallel
    }

    /// Applies `plan` (`saved`: read from a file, so checked for freshness first). `show` gets the plan about to be
    /// applied, `confirm` may refuse it by throwing; `progress` and `rolledBack` report the rollout as it goes.
    public func apply(
        _ plan: Plan, saved: Bool, show: (Plan) -> Void, confirm: (Plan) throws -> Void,
        progress: @escaping @Sendable (RolloutEvent) -> Void, rolledBack: @escaping @Sendable (MachineResult) -> Void
    ) async throws -> Outcome {
        var stoppable = rollout
        stoppable.shouldStop = { GracefulShutdown.isRequested }
        let options = stoppable
        let secrets = self.secrets
        let logger = self.logger
        // Machines to release are no longer among the repository's targets: reach them as the plan says.
        let reached = Self.including(releasesOf: plan, in: targets)
        return try await AgentConnections.with(reached, options: connection, secrets: secrets, logger: logger) { connections in
            var plan = plan
            if saved {
                let again = await LiveStateReader.fetch(plan.targets.flatMap(\.machines), using: connections, parallel: readParallel)
                let freshness = PlanFreshness(plan: plan, live: again)
                if freshness.isStale { return .stale(plan, freshness) }
                plan = freshness.plan
            }
            show(plan)
            if !plan.blockingProblems.isEmpty { return .blocked(plan) }
            // Before confirming and before any machine is touched: a refused plan writes nothing anywhere.
            if !allowDestructive && !plan.destructiveMachines.isEmpty { return .destructive(plan) }
            guard plan.hasChanges else { return .nothingToApply(plan) }
            try confirm(plan)
            let approved = plan
            let report = try await GracefulShutdown.run(logger: logger) {
                await Rollout.run(
                    approved, using: connections, secrets: secrets, options: options, progress: progress, rolledBack: rolledBack)
            }
            return .rolledOut(approved, report)
        }
    }

    /// `targets` with the plan's machines to release added to their clusters (once each).
    static func including(releasesOf plan: Plan, in targets: [ClusterTargets]) -> [ClusterTargets] {
        targets.map { cluster in
            var widened = cluster
            for machine in plan.machines where machine.action == .delete && machine.cluster == cluster.cluster
                && !widened.machines.contains(where: { $0.machine == machine.machine }) {
                widened.machines.append(machine.target(requiredVersion: nil))
            }
            return widened
        }
    }
}
