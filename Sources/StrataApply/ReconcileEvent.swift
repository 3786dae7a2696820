public import StrataModel
public import StrataPlan

/// What the reconcile loop tells its consumer, in order, as it happens.
public enum ReconcileEvent: Sendable {
    /// The branch points at a commit not seen before.
    case commitSeen(ReconcileCommit)
    /// The commit does not validate: it is not applied, and the last good commit stays in force.
    case validationFailed(ReconcileCommit, errors: [Diagnostic], keeping: ReconcileCommit?)
    /// The plan of a new commit against the live machines.
    case planned(ReconcileCommit, Plan)
    /// Machines whose change is destructive, so the commit is not applied at all (a new commit: reported once; or
    /// healing drift from the commit in force); `keeping` is the commit that stays in force.
    case heldBack(ReconcileCommit, machines: [PlannedMachine], keeping: ReconcileCommit?)
    /// Machines whose live configuration differs from the commit in force although no new commit came;
    /// `healing` when they are being put back; `heldBack` when `--self-heal` is given but healing is held back as
    /// destructive (it would be, or a destructive head is held back).
    case drift(ReconcileCommit, machines: [PlannedMachine], healing: Bool, heldBack: Bool = false)
    /// One machine's apply ended (applied, failed, skipped, not attempted...).
    case machineApplied(ReconcileCommit, MachineResult)
    /// After a failure, a machine changed by the same rollout was rolled back (or that was tried).
    case rolledBack(ReconcileCommit, MachineResult)
    /// The branch could not be read, a commit could not be loaded, or the agents could not be set up.
    case failed(String)
}
