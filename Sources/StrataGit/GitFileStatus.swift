/// How one path differs from HEAD, in the index (staged) and in the working tree (unstaged).
public struct GitFileStatus: Sendable, Hashable {
    /// The path relative to the repository root, `/`-separated.
    public var path: String
    /// The change recorded in the index relative to HEAD, if any.
    public var staged: GitFileChange?
    /// The change in the working tree relative to the index, if any (`.untracked` for a new file).
    public var unstaged: GitFileChange?

    /// Creates a status.
    public init(path: String, staged: GitFileChange? = nil, unstaged: GitFileChange? = nil) {
        self.path = path
        self.staged = staged
        self.unstaged = unstaged
    }
}

/// One kind of difference reported by `git status`.
public enum GitFileChange: String, Sendable, Hashable {
    /// A new file (in the index).
    case added
    /// A file git does not track yet (in the working tree).
    case untracked
    /// Changed contents or mode.
    case modified
    /// The file is gone.
    case deleted
    /// The file moved.
    case renamed
    /// A file became a link, a directory or a submodule, or the reverse.
    case typeChanged = "type-changed"
    /// The file could not be read.
    case unreadable
    /// An unresolved merge conflict.
    case conflicted
}
