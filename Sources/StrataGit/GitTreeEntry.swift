/// One entry of a snapshot: a path below the snapshot's prefix and what it holds.
public struct GitTreeEntry: Sendable, Hashable {
    /// The path relative to the repository root, `/`-separated (`clusters/a/cluster.yaml`).
    public var path: String
    /// What the entry is.
    public var kind: GitTreeEntryKind

    /// Creates an entry.
    public init(path: String, kind: GitTreeEntryKind) {
        self.path = path
        self.kind = kind
    }

    /// The last component of the path.
    public var name: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// What a tree entry holds.
public enum GitTreeEntryKind: Sendable, Hashable {
    /// A directory (a git tree); its entries are listed separately.
    case directory
    /// A regular file, with its contents unless it is too large.
    case file(GitBlobContents, executable: Bool)
    /// A symbolic link and the text of its target (never followed).
    case symlink(target: String)
    /// A submodule: a commit of another repository.
    case submodule(commit: String)
    /// Anything else, with its raw git file mode (also a symbolic link whose target exceeds the size limit).
    case other(mode: UInt32)
}

/// The contents of a blob as read from a tree.
public enum GitBlobContents: Sendable, Hashable {
    /// The complete bytes.
    case bytes([UInt8])
    /// The blob is larger than the limit given to the read; it was not loaded.
    case tooLarge(size: Int)
}
