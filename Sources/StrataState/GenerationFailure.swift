/// Why ``StateStore/advance(_:installer:)`` made no new generation. In every case the store's current
/// generation is unchanged, and so is what the installer serves (except as ``unrecorded(_:undo:)`` says).
public enum GenerationFailure<InstallFailure: Error>: Error {
    /// The state directory could not be locked.
    case locking(StateStoreError)
    /// The state directory could not be read (or a kept generation is damaged).
    case store(StateStoreError)
    /// The store is at `current`, not at the generation the request expected: nothing was changed.
    case conflict(current: Int)
    /// A rollback to a generation that is not earlier than `current`.
    case notEarlier(current: Int)
    /// A rollback to a generation that is no longer kept.
    case notKept
    /// The installer refused the generation (it restored what it had changed before throwing).
    case install(InstallFailure)
    /// Installed, but recording it failed; the installer was asked to put the previous generation back,
    /// and `undo` says how that went.
    case unrecorded(StateStoreError, undo: String)
}
