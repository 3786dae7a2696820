import CLibGit2
#if canImport(Glibc)
import Glibc
#endif

extension GitRepository {
    /// Commits exactly these changes on the current branch: `git add` / `git rm` of those paths, then `git commit`.
    ///
    /// Writes `files` into the working tree and removes `paths` (files; a missing one is skipped),
    /// stages those paths in the index, and commits on top of HEAD (no parent in an empty
    /// repository), moving the branch HEAD points to. Changes staged earlier for other paths
    /// stay staged and are not part of the commit, as with `git commit --only`.
    /// The author is `author`, else `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else `user.name` / `user.email`
    /// from git configuration; the committer is `GIT_COMMITTER_*`, else configuration, else the author (as git does).
    public func commit(
        writing files: [String: [UInt8]], removing paths: [String], message: String, author: GitSignature? = nil
    ) throws(GitError) -> GitCommit {
        guard let workdir else { throw GitError.bareRepository("commit") }
        let written = files.keys.sorted()
        let removed = Array(Set(paths)).sorted()
        try CommitPaths.validate(written: written, removed: removed)
        return try withRepository { (repository) throws(GitError) -> GitCommit in
            let message = try Self.prettify(message)
            let parent = try Self.branchTip(in: repository)
            return try Self.withSignatures(author, in: repository) { (author, committer) throws(GitError) -> GitCommit in
                let writer = try WorkingTreeWriter(root: workdir)
                for path in written { try writer.replaceFile(at: path, with: files[path] ?? []) }
                for path in removed { try writer.removeFile(at: path) }
                let tree = try Self.stage(written: written, removed: removed, onto: parent, in: repository)
                return try Self.createCommit(tree: tree, parent: parent, message: message, author: author, committer: committer, in: repository)
            }
        }
    }

    /// The commit the current branch points to, nil before its first commit; refuses a detached HEAD.
    private static func branchTip(in repository: OpaquePointer) throws(GitError) -> git_oid? {
        let detached = git_repository_head_detached(repository)
        try LibGit2.check(detached, "cannot read HEAD")
        if detached == 1 {
            throw GitError(code: .detachedHead, message: "HEAD is detached; check out a branch before committing")
        }
        var id = git_oid()
        let result = git_reference_name_to_id(&id, repository, "HEAD")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try LibGit2.check(result, "cannot read HEAD")
        return id
    }

    /// Cleans up the message as `git commit` does (trailing spaces, blank lines, final newline).
    private static func prettify(_ message: String) throws(GitError) -> String {
        var buffer = git_buf()
        let result = git_message_prettify(&buffer, message, 0, CChar(UInt8(ascii: "#")))
        let cleaned = LibGit2.take(&buffer)
        try LibGit2.check(result, "cannot clean up the commit message")
        guard !cleaned.isEmpty else { throw GitError(code: .emptyMessage, message: "the commit message is empty") }
        return cleaned
    }

    /// Passes the author and committer signatures to `body` and frees them afterwards.
    private static func withSignatures<T>(
        _ author: GitSignature?, in repository: OpaquePointer,
        _ body: (UnsafePointer<git_signature>, UnsafePointer<git_signature>) throws(GitError) -> T
    ) throws(GitError) -> T {
        var configured: UnsafeMutablePointer<git_signature>?
        let configuredResult = git_signature_default(&configured, repository)
        let configuredError = LibGit2.lastErrorText()
        defer { git_signature_free(configured) }
        var given: UnsafeMutablePointer<git_signature>?
        defer { git_signature_free(given) }
        // Like git: --author, else GIT_AUTHOR_NAME/EMAIL, else user.name/user.email.
        if let author = author ?? Self.environmentSignature("GIT_AUTHOR") {
            try LibGit2.check(git_signature_now(&given, author.name, author.email), code: .invalidSignature, "invalid author '\(author)'")
        }
        var committerFromEnvironment: UnsafeMutablePointer<git_signature>?
        defer { git_signature_free(committerFromEnvironment) }
        if let committer = Self.environmentSignature("GIT_COMMITTER") {
            try LibGit2.check(
                git_signature_now(&committerFromEnvironment, committer.name, committer.email), code: .invalidSignature,
                "invalid committer '\(committer)'")
        }
        let fromConfiguration = configuredResult >= 0 ? configured : nil
        guard let authorSignature = given ?? fromConfiguration else {
            throw GitError(
                code: .missingIdentity,
                message: "no author identity: set user.name and user.email in git configuration, or pass --author",
                cause: configuredError)
        }
        return try body(authorSignature, committerFromEnvironment ?? fromConfiguration ?? authorSignature)
    }

    /// `PREFIX_NAME` and `PREFIX_EMAIL` from the environment, when both are set.
    private static func environmentSignature(_ prefix: String) -> GitSignature? {
        guard let name = getenv(prefix + "_NAME").map({ String(cString: $0) }), !name.isEmpty,
              let email = getenv(prefix + "_EMAIL").map({ String(cString: $0) }), !email.isEmpty else { return nil }
        return GitSignature(name: name, email: email)
    }

    /// Stages the paths in the repository's index and returns the tree of the parent with only those changes.
    private static func stage(
        written: [String], removed: [String], onto parent: git_oid?, in repository: OpaquePointer
    ) throws(GitError) -> git_oid {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, repository), "cannot open the index")
        guard let index else { throw LibGit2.missingHandle("index") }
        defer { git_index_free(index) }
        try LibGit2.check(git_index_read(index, 0), "cannot read the index")
        for path in written { try LibGit2.check(git_index_add_bypath(index, path), "cannot stage '\(path)'") }
        for path in removed {
            let result = git_index_remove_bypath(index, path)
            if result != GIT_ENOTFOUND.rawValue { try LibGit2.check(result, "cannot unstage '\(path)'") }
        }
        try LibGit2.check(git_index_write(index), "cannot write the index")

        // The commit's tree is built apart from the index so that other staged paths stay out of it.
        var staging: OpaquePointer?
        try LibGit2.check(git_index_new(&staging), "cannot create an index")
        guard let staging else { throw LibGit2.missingHandle("index") }
        defer { git_index_free(staging) }
        if var parent {
            var commit: OpaquePointer?
            try LibGit2.check(git_commit_lookup(&commit, repository, &parent), "cannot read HEAD")
            defer { git_commit_free(commit) }
            var tree: OpaquePointer?
            try LibGit2.check(git_commit_tree(&tree, commit), "cannot read the tree of HEAD")
            defer { git_tree_free(tree) }
            try LibGit2.check(git_index_read_tree(staging, tree), "cannot read the tree of HEAD")
        }
        for path in written {
            guard let entry = git_index_get_bypath(index, path, 0) else {
                throw GitError(code: .libgit2, message: "'\(path)' is missing from the index after staging it")
            }
            try LibGit2.check(git_index_add(staging, entry), "cannot stage '\(path)'")
        }
        for path in removed {
            let result = git_index_remove(staging, path, 0)
            if result != GIT_ENOTFOUND.rawValue { try LibGit2.check(result, "cannot unstage '\(path)'") }
        }
        var tree = git_oid()
        try LibGit2.check(git_index_write_tree_to(&tree, staging, repository), "cannot write the tree")
        return tree
    }

    private static func createCommit(
        tree treeId: git_oid, parent: git_oid?, message: String,
        author: UnsafePointer<git_signature>, committer: UnsafePointer<git_signature>, in repository: OpaquePointer
    ) throws(GitError) -> GitCommit {
        var treeId = treeId
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repository, &treeId), "cannot read the new tree")
        defer { git_tree_free(tree) }
        var parents: [OpaquePointer?] = []
        defer { parents.forEach { git_commit_free($0) } }
        if var parent {
            var commit: OpaquePointer?
            try LibGit2.check(git_commit_lookup(&commit, repository, &parent), "cannot read HEAD")
            parents.append(commit)
            if let tip = commit, let parentTree = git_commit_tree_id(tip), git_oid_equal(parentTree, &treeId) != 0 {
                throw GitError(code: .nothingToCommit, message: "nothing to commit: the files already match HEAD")
            }
        }
        if parent == nil && LibGit2.hex(&treeId) == emptyTreeId {
            throw GitError(code: .nothingToCommit, message: "nothing to commit: the first commit would be empty")
        }
        var id = git_oid()
        let result = parents.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&id, repository, "HEAD", author, committer, nil, message, tree, buffer.count, buffer.baseAddress)
        }
        if result == GIT_EMODIFIED.rawValue {
            throw GitError(code: .concurrentUpdate, message: "the branch moved while committing; try again", cause: LibGit2.lastErrorText())
        }
        try LibGit2.check(result, "cannot create the commit")
        return try GitCommit.lookup(id, in: repository)
    }

    /// The id of the tree with no entries, the same in every SHA-1 repository.
    private static let emptyTreeId = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
}
