/// One file an edit changes: its path relative to the repository and its bytes before and after.
public struct EditedFile: Sendable, Hashable {
    /// `clusters/<cluster>/groups/<group>.yaml`.
    public var path: String
    /// The bytes as read.
    public var before: [UInt8]
    /// The bytes to write.
    public var after: [UInt8]

    /// Creates an edited file.
    public init(path: String, before: [UInt8], after: [UInt8]) {
        self.path = path
        self.before = before
        self.after = after
    }
}
