/// What applying does to one machine, in a diff of two revisions and in a plan against the live machines alike.
public enum MachineAction: String, Sendable, Hashable, CaseIterable {
    /// The machine exists only after (nothing live yet): every feature is new.
    case create
    /// The machine exists on both sides and some value differs.
    case update
    /// The machine exists only before: in a diff every feature goes away; in a plan the machine left the repository and
    /// is released (its agent keeps its last generation and records that it left: never torn down).
    case delete
    /// The machine's values are equal on both sides (a group move alone is still a noop).
    case noop
    /// The machine's live state could not be read (plans only).
    case unknown

    /// Whether applying changes the machine.
    public var changesMachine: Bool { self == .create || self == .update || self == .delete }
}
