/// Where a new generation is installed before the store records it: the agent's backends, or nothing
/// for the controller's embedded store (``RecordOnly``).
public protocol GenerationInstaller {
    /// What a successful install reports (the backends' warnings).
    associatedtype Installed
    /// Why an install failed; the installer has put back what it changed before throwing it.
    associatedtype Failure: Error

    /// Installs `generation` in place of `previous` (nil before the first generation).
    func install(_ generation: StoredGeneration, previous: StoredGeneration?) throws(Failure) -> Installed

    /// Puts `previous` back after `generation` was installed but could not be recorded; says how it went.
    func undo(installing generation: StoredGeneration, previous: StoredGeneration?) -> String
}
