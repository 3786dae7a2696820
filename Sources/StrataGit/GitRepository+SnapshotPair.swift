import CLibGit2

/// Two revisions read in one session, without the directories whose tree is the same in both: those are listed,
/// their files named in `unchangedFiles` but read in neither (they cannot differ).
public struct GitSnapshotPair: Sendable {
    /// The first revision.
    public let first: GitTreeSnapshot
    /// The second revision.
    public let second: GitTreeSnapshot
    /// Names of the directories directly below the prefix whose tree id is the same in both revisions.
    public let unchanged: Set<String>
    /// The files (and links) below the `unchanged` directories, the same in both revisions, by path from the root.
    public let unchangedFiles: [String]
}

extension GitRepository {
    /// Reads `first` and `second` below `prefix` in one libgit2 session, skipping in both every directory directly
    /// below `prefix` whose tree id is the same in the two (its files cannot differ), except one holding a symbolic
    /// link, which may read files elsewhere that did change.
    public func snapshots(of first: String, _ second: String, under prefix: String, maxBlobBytes: Int) throws(GitError) -> GitSnapshotPair {
        let prefix = GitTreeSnapshot.normalised(prefix)
        return try withRepository { (repository) throws(GitError) -> GitSnapshotPair in
            let before = try Self.directoryIds(of: first, under: prefix, in: repository)
            let after = try Self.directoryIds(of: second, under: prefix, in: repository)
            var same = before.filter { after[$0.key] == $0.value }
            var one = try Self.read(first, under: prefix, skipping: same, in: repository, maxBlobBytes: maxBlobBytes)
            let linked = Set(one.unread.filter(\.link).compactMap { entry in
                entry.path.dropFirst(prefix.isEmpty ? 0 : prefix.count + 1).split(separator: "/").first.map(String.init)
            })
            if !linked.isEmpty {
                same = same.filter { !linked.contains($0.key) }
                one = try Self.read(first, under: prefix, skipping: same, in: repository, maxBlobBytes: maxBlobBytes)
            }
            let two = try Self.read(second, under: prefix, skipping: same, in: repository, maxBlobBytes: maxBlobBytes)
            return GitSnapshotPair(
                first: one.snapshot, second: two.snapshot, unchanged: Set(same.keys), unchangedFiles: two.unread.map(\.path))
        }
    }

    /// One revision's snapshot without the directories directly below `prefix` named in `skipping` (name → tree id,
    /// taken only where the id matches), with the files below those it did not read.
    private static func read(
        _ revision: String, under prefix: String, skipping: [String: String], in repository: OpaquePointer, maxBlobBytes: Int
    ) throws(GitError) -> (snapshot: GitTreeSnapshot, unread: [GitUnreadEntry]) {
        try resolveCommit(revision, in: repository) { (commit) throws(GitError) -> (snapshot: GitTreeSnapshot, unread: [GitUnreadEntry]) in
            let value = try GitCommit(handle: commit)
            var root: OpaquePointer?
            try LibGit2.check(git_commit_tree(&root, commit), "cannot read the tree of \(value.shortId)")
            guard let root else { throw LibGit2.missingHandle("tree") }
            defer { git_tree_free(root) }
            let children = try directoryIds(under: prefix, root: root, in: repository)
            var reader = try TreeReader(repository: repository, maxBlobBytes: maxBlobBytes)
            defer { reader.close() }
            let join = { (name: String) in prefix.isEmpty ? name : prefix + "/" + name }
            reader.skipping = Set(children.filter { skipping[$0.key] == $0.value }.keys.map(join))
            guard let found = try reader.readDirectory(prefix, from: root) else {
                return (GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: false, entries: []), [])
            }
            return (GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: true, entries: found), reader.unread)
        }
    }

    /// Name → tree id of every directory directly below `prefix` in `revision`.
    private static func directoryIds(of revision: String, under prefix: String, in repository: OpaquePointer) throws(GitError) -> [String: String] {
        try resolveCommit(revision, in: repository) { (commit) throws(GitError) -> [String: String] in
            var root: OpaquePointer?
            try LibGit2.check(git_commit_tree(&root, commit), "cannot read the tree of \(LibGit2.hex(git_commit_id(commit)))")
            guard let root else { throw LibGit2.missingHandle("tree") }
            defer { git_tree_free(root) }
            return try directoryIds(under: prefix, root: root, in: repository)
        }
    }

    /// Name → tree id of every directory directly below `prefix` (empty when `prefix` is not a directory).
    private static func directoryIds(under prefix: String, root: OpaquePointer, in repository: OpaquePointer) throws(GitError) -> [String: String] {
        var tree = root
        var owned: OpaquePointer?
        defer { if let owned { git_tree_free(owned) } }
        if !prefix.isEmpty {
            var entry: OpaquePointer?
            guard git_tree_entry_bypath(&entry, root, prefix) == 0, let entry else { return [:] }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE, let id = git_tree_entry_id(entry) else { return [:] }
            try LibGit2.check(git_tree_lookup(&owned, repository, id), "cannot read directory '\(prefix)'")
            guard let owned else { throw LibGit2.missingHandle("tree") }
            tree = owned
        }
        var ids: [String: String] = [:]
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE,
                  let name = git_tree_entry_name(entry), let id = git_tree_entry_id(entry) else { continue }
            ids[String(cString: name)] = LibGit2.hex(id)
        }
        return ids
    }
}
