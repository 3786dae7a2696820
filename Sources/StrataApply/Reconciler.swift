public import Logging
import StrataPlan
import StrataState

/// The GitOps loop, one pass at a time: follow the branch head; validate each new commit (an invalid one is
/// reported and never applied, the last good one stays in force); plan it against the live machines and apply
/// it rolling, with rollback on failure by default. Between new commits, drift from the commit in force is
/// reported, and corrected with `selfHeal`. It never prints: everything goes to the consumer as events.
public struct Reconciler: Sendable {
    /// How the loop applies.
    public struct Options: Sendable {
        /// Put drifted machines back at each pass (otherwise drift is only reported).
        public var selfHeal: Bool
        /// Plan and report, never apply.
        public var dryRun: Bool
        /// Roll back the machines a failed rollout changed.
        public var rollbackOnFailure: Bool
        /// Machines changed at once.
        public var parallel: Int
        /// `user@host`, recorded in each generation.
        public var appliedBy: String?
        /// Timeouts for the agents.
        public var connection: ConnectionOptions
        /// Asked between machines: `true` stops the rollout there.
        public var shouldStop: @Sendable () -> Bool

        /// Creates options.
        public init(
            selfHeal: Bool = false, dryRun: Bool = false, rollbackOnFailure: Bool = true, parallel: Int = 1, appliedBy: String?,
            connection: ConnectionOptions = ConnectionOptions(), shouldStop: @escaping @Sendable () -> Bool = { false }
        ) {
            self.selfHeal = selfHeal
            self.dryRun = dryRun
            self.rollbackOnFailure = rollbackOnFailure
            self.parallel = max(1, parallel)
            self.appliedBy = appliedBy
            self.connection = connection
            self.shouldStop = shouldStop
        }
    }

    /// Live states are read this many at a time.
    static let readParallel = 8

    let source: any ReconcileSource
    let options: Options
    let secrets: SecretResolver
    let logger: Logger
    /// What the loop remembers between passes (and, saved by the caller, between runs).
    public private(set) var memory: Memory
    /// The commit in force, compiled (loaded from `memory.inForce` at the first pass that needs it).
    private var inForce: ReconcileRevision?
    /// The held-back healing last reported (commit and machines): reported again only when it changes, so a loop
    /// does not repeat it every pass.
    private var reportedHealHold: String?

    /// The last head looked at and the last commit applied successfully.
    public struct Memory: Sendable, Hashable {
        /// The last head looked at, valid or not: it is not looked at again.
        public var lastSeen: ReconcileCommit?
        /// The last commit validated and applied without failure: drift is measured against it.
        public var inForce: ReconcileCommit?
        /// The head held back because some machine's change is destructive: it is planned again at each pass and
        /// applied once no change is destructive (an operator ran `apply --allow-destructive`).
        public var heldBack: ReconcileCommit?

        /// Creates a memory (empty: the head is new at the first pass).
        public init(lastSeen: ReconcileCommit? = nil, inForce: ReconcileCommit? = nil, heldBack: ReconcileCommit? = nil) {
            self.lastSeen = lastSeen
            self.inForce = inForce
            self.heldBack = heldBack
        }
    }

    /// A loop that remembers `memory` (nothing by default).
    public init(source: any ReconcileSource, options: Options, secrets: SecretResolver, logger: Logger, memory: Memory = Memory()) {
        self.source = source
        self.options = options
        self.secrets = secrets
        self.logger = logger
        self.memory = memory
    }

    /// One pass: a new commit is validated, planned and applied; otherwise the commit in force is checked for
    /// drift. Returns whether anything failed (an unreadable branch, an invalid commit, a failed machine).
    /// A commit whose rollout failed is not retried (it was rolled back); the previous one stays in force.
    public mutating func pass(_ emit: (ReconcileEvent) -> Void) async -> Bool {
        let head: ReconcileCommit
        do {
            head = try await source.head()
        } catch {
            emit(.failed("cannot read the followed branch: \(error)"))
            return true
        }
        if inForce == nil, let remembered = memory.inForce {
            // After a restart: the commit in force is compiled again (it was valid when it was applied).
            if let revision = try? await source.revision(remembered), revision.isValid { inForce = revision }
        }
        guard head.id != memory.lastSeen?.id else {
            if head.id == memory.heldBack?.id { return await retryHeldBack(head, emit) }
            guard let inForce else { return false }
            return await reportDrift(from: inForce, emit) == .failed
        }
        memory.lastSeen = head
        memory.heldBack = nil
        emit(.commitSeen(head))
        let revision: ReconcileRevision
        do {
            revision = try await source.revision(head)
        } catch {
            emit(.failed("cannot load commit \(head.shortId): \(error)"))
            return true
        }
        guard revision.isValid else {
            emit(.validationFailed(head, errors: revision.errors, keeping: memory.inForce))
            if let inForce { _ = await reportDrift(from: inForce, emit) }
            return true
        }
        return settle(revision, await apply(revision, drift: false, emit))
    }

    /// A held-back head, planned again quietly: applied once no machine's change is destructive; until then, drift
    /// from the commit in force is only reported (healing it could undo an operator's `apply --allow-destructive`).
    private mutating func retryHeldBack(_ head: ReconcileCommit, _ emit: (ReconcileEvent) -> Void) async -> Bool {
        guard let revision = try? await source.revision(head), revision.isValid else { return false }
        let outcome = await apply(revision, drift: false, quietlyHolding: true, emit)
        if outcome == .heldBack, let inForce { _ = await apply(inForce, drift: true, healing: false, emit) }
        let failed = settle(revision, outcome)
        // Reported once, when it was new: holding it back again is no new failure.
        return outcome == .heldBack ? false : failed
    }

    /// Drift from the commit in force, reported (and healed with `selfHeal`); healing held back as destructive is
    /// reported when it first happens or its machines change, not at every pass.
    private mutating func reportDrift(from revision: ReconcileRevision, _ emit: (ReconcileEvent) -> Void) async -> Outcome {
        let previous = reportedHealHold
        var current: String?
        let outcome = await apply(revision, drift: true) { event in
            if case .heldBack(let commit, let machines, let keeping) = event, keeping?.id == commit.id {
                let key = commit.id + " " + machines.map(\.label).joined(separator: " ")
                current = key
                if key == previous { return }
            }
            emit(event)
        }
        reportedHealHold = current
        return outcome
    }

    /// Records what became of a new (or held-back) commit; true when it failed or is held back.
    private mutating func settle(_ revision: ReconcileRevision, _ outcome: Outcome) -> Bool {
        switch outcome {
        case .done:
            inForce = revision
            memory.inForce = revision.commit
            memory.heldBack = nil
            return false
        case .heldBack:
            memory.heldBack = revision.commit
            return true
        case .failed:
            memory.heldBack = nil
            return true
        }
    }

    /// What became of one plan-and-apply.
    private enum Outcome { case done, failed, heldBack }

    /// Plans `revision` and applies it (a new commit), or reports and maybe heals drift from it. A new commit with a
    /// destructive change is held back whole (reported, unless `quietlyHolding`: it was already); so is healing that
    /// would be destructive.
    private func apply(
        _ revision: ReconcileRevision, drift: Bool, healing allowHealing: Bool = true, quietlyHolding: Bool = false,
        _ emit: (ReconcileEvent) -> Void
    ) async -> Outcome {
        let commit = revision.commit
        let commits = Dictionary(uniqueKeysWithValues: revision.clusters.map { ($0.cluster, commit.id) })
        let options = self.options
        let secrets = self.secrets
        do {
            return try await AgentConnections.with(revision.clusters, options: options.connection, secrets: secrets, logger: logger) {
                connections -> Outcome in
                let live = await LiveStateReader.fetch(revision.clusters.flatMap(\.machines), using: connections, parallel: Self.readParallel)
                let plan = Planner.plan(
                    clusters: revision.clusters, desired: revision.desired, live: live, commits: commits, secrets: secrets,
                    createdAt: Timestamp.now())
                let destructive = plan.destructiveMachines
                if drift {
                    let drifted = plan.machines.filter { ($0.action == .create || $0.action == .update) && $0.problem == nil }
                    guard !drifted.isEmpty else { return .done }
                    let wanted = options.selfHeal && !options.dryRun && allowHealing
                    let healing = wanted && destructive.isEmpty
                    let held = options.selfHeal && !options.dryRun && !healing
                    emit(.drift(commit, machines: drifted, healing: healing, heldBack: held))
                    if wanted && !destructive.isEmpty { emit(.heldBack(commit, machines: destructive, keeping: commit)) }
                    guard healing else { return .done }
                } else {
                    if !quietlyHolding || destructive.isEmpty { emit(.planned(commit, plan)) }
                    if !destructive.isEmpty {
                        if !quietlyHolding { emit(.heldBack(commit, machines: destructive, keeping: memory.inForce)) }
                        return .heldBack
                    }
                    guard !options.dryRun else { return plan.summary.errors > 0 ? .failed : .done }
                }
                guard plan.hasChanges || !plan.blockingProblems.isEmpty else { return .done }
                let rollout = Rollout.Options(
                    parallel: options.parallel, appliedBy: options.appliedBy, rollbackOnFailure: options.rollbackOnFailure,
                    shouldStop: options.shouldStop)
                let report = await Rollout.run(
                    plan, using: connections, secrets: secrets, options: rollout,
                    progress: { event in
                        if case .finished(let result) = event { emit(.machineApplied(commit, result)) }
                    },
                    rolledBack: { result in emit(.rolledBack(commit, result)) })
                // Machines never started (refused plan, not attempted) have had no event yet.
                for result in report.results {
                    switch result.outcome {
                    case .notAttempted: emit(.machineApplied(commit, result))
                    case .skipped where result.machine.problem != nil: emit(.machineApplied(commit, result))
                    case .failed where result.machine.problem != nil: emit(.machineApplied(commit, result))
                    default: break
                    }
                }
                return report.failed ? .failed : .done
            }
        } catch {
            emit(.failed("cannot reach the agents of commit \(commit.shortId): \(error)"))
            return .failed
        }
    }
}
