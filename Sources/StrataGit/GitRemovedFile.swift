/// A file that a commit of the first-parent history removed: what `GitRepository.removedFiles` finds.
public struct GitRemovedFile: Sendable, Hashable {
    /// Its path below the prefix that was searched (`prod/machines/a.yaml` below `clusters`).
    public let path: String
    /// The full id of the newest commit that still had it (the parent of the commit that removed it).
    public let lastCommit: String

    /// A removed file and the last commit that had it.
    public init(path: String, lastCommit: String) {
        self.path = path
        self.lastCommit = lastCommit
    }
}
