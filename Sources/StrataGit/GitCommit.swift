import CLibGit2

/// A commit, read into plain values.
public struct GitCommit: Sendable, Hashable {
    /// The full object id (40 hexadecimal digits).
    public var id: String
    /// The shortest unambiguous abbreviation of the id (at least 7 digits).
    public var shortId: String
    /// The first paragraph of the message, on one line.
    public var summary: String
    /// Who wrote the change.
    public var author: GitSignature
    /// When the change was written, in seconds since the epoch.
    public var authorTime: Int64
    /// Who made the commit.
    public var committer: GitSignature
    /// When the commit was made, in seconds since the epoch.
    public var commitTime: Int64
    /// The ids of the parent commits, first parent first.
    public var parentIds: [String]

    /// Creates a commit value.
    public init(
        id: String, shortId: String, summary: String, author: GitSignature, authorTime: Int64,
        committer: GitSignature, commitTime: Int64, parentIds: [String]
    ) {
        self.id = id
        self.shortId = shortId
        self.summary = summary
        self.author = author
        self.authorTime = authorTime
        self.committer = committer
        self.commitTime = commitTime
        self.parentIds = parentIds
    }

    /// Reads a commit handle into a value; the handle stays owned by the caller.
    init(handle commit: OpaquePointer) throws(GitError) {
        guard let id = git_commit_id(commit) else { throw LibGit2.missingHandle("commit id") }
        var buffer = git_buf()
        let result = git_object_short_id(&buffer, commit)
        let shortId = LibGit2.take(&buffer)
        try LibGit2.check(result, "cannot abbreviate a commit id")
        let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
            git_commit_parent_id(commit, index).map(LibGit2.hex)
        }
        self.init(
            id: LibGit2.hex(id),
            shortId: shortId,
            summary: git_commit_summary(commit).map { String(cString: $0) } ?? "",
            author: GitSignature(git_commit_author(commit)),
            authorTime: git_commit_author(commit)?.pointee.when.time ?? 0,
            committer: GitSignature(git_commit_committer(commit)),
            commitTime: git_commit_time(commit),
            parentIds: parents)
    }

    /// Looks up the commit `id` in an open repository and reads it.
    static func lookup(_ id: git_oid, in repository: OpaquePointer) throws(GitError) -> GitCommit {
        var id = id
        var commit: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commit, repository, &id), "cannot read commit \(LibGit2.hex(&id))")
        guard let commit else { throw LibGit2.missingHandle("commit") }
        defer { git_commit_free(commit) }
        return try GitCommit(handle: commit)
    }
}
