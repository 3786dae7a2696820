import CLibGit2

extension GitRepository {
    /// Resolves any revision git understands (`HEAD~3`, `main`, `origin/main`, a tag, a short id, `main@{1}`) to a commit.
    ///
    /// Tags are peeled to the commit they name; a revision naming a tree or a blob is refused.
    /// libgit2 1.5 reads the reflog for `@{n}` forms; date forms such as `main@{yesterday}` are
    /// parsed by libgit2 too but depend on the reflog being present.
    public func resolve(_ revision: String) throws(GitError) -> GitCommit {
        try withRepository { (repository) throws(GitError) -> GitCommit in
            try Self.resolveCommit(revision, in: repository) { commit throws(GitError) in try GitCommit(handle: commit) }
        }
    }

    /// Resolves `revision` in an open repository and passes the commit handle to `body`.
    static func resolveCommit<T>(
        _ revision: String, in repository: OpaquePointer, _ body: (OpaquePointer) throws(GitError) -> T
    ) throws(GitError) -> T {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, repository, revision)
        switch result {
        case GIT_ENOTFOUND.rawValue, GIT_EINVALIDSPEC.rawValue, GIT_EUNBORNBRANCH.rawValue:
            throw GitError.unknownRevision(revision, cause: LibGit2.lastErrorText())
        case GIT_EAMBIGUOUS.rawValue:
            throw GitError(code: .ambiguousRevision, message: "ambiguous revision '\(revision)'", cause: LibGit2.lastErrorText())
        default:
            try LibGit2.check(result, "cannot resolve revision '\(revision)'")
        }
        guard let object else { throw LibGit2.missingHandle("object") }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) >= 0, let commit else {
            let kind = git_object_type2string(git_object_type(object)).map { String(cString: $0) } ?? "object"
            throw GitError(
                code: .notACommit, message: "revision '\(revision)' names a \(kind), not a commit",
                cause: LibGit2.lastErrorText())
        }
        defer { git_object_free(commit) }
        return try body(commit)
    }
}
