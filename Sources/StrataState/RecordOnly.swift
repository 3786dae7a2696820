/// Nothing to install: the controller's embedded store only records generations.
public struct RecordOnly: GenerationInstaller {
    /// Nothing is reported.
    public typealias Installed = Void
    /// Nothing can fail.
    public typealias Failure = Never

    /// The installer of a store that only records.
    public init() {}

    /// Nothing to do.
    public func install(_ generation: StoredGeneration, previous: StoredGeneration?) {}

    /// Nothing was installed, so nothing to put back.
    public func undo(installing generation: StoredGeneration, previous: StoredGeneration?) -> String {
        "nothing was installed"
    }
}
