import CLibGit2

/// Two revisions read in one session: the first whole, the second without the directories whose tree is the same
/// in both (those are listed, empty; their contents are the first snapshot's).
public struct GitSnapshotPair: Sendable {
    /// The first revision, every entry read.
    public let first: GitTreeSnapshot
    /// The second revision; directories in `unchanged` are listed but not read.
    public let second: GitTreeSnapshot
    /// Names of the directories directly below the prefix whose tree id is the same in both revisions.
    public let unchanged: Set<String>
}

extension GitRepository {
    /// Reads `first` and `second` below `prefix` in one libgit2 session, skipping in the second every directory
    /// directly below `prefix` whose tree id is the same as in the first (its files cannot differ).
    public func snapshots(of first: String, _ second: String, under prefix: String, maxBlobBytes: Int) throws(GitError) -> GitSnapshotPair {
        let prefix = GitTreeSnapshot.normalised(prefix)
        return try withRepository { (repository) throws(GitError) -> GitSnapshotPair in
            let one = try Self.read(first, under: prefix, skipping: [:], in: repository, maxBlobBytes: maxBlobBytes)
            // A directory holding a symbolic link may read files elsewhere that did change: it is read again.
            let linked = Set(one.snapshot.allEntries.compactMap { entry -> String? in
                guard case .symlink = entry.kind else { return nil }
                let relative = prefix.isEmpty ? Substring(entry.path) : entry.path.dropFirst(prefix.count + 1)
                return relative.split(separator: "/").first.map(String.init)
            })
            let reusable = one.children.filter { !linked.contains($0.key) }
            let two = try Self.read(second, under: prefix, skipping: reusable, in: repository, maxBlobBytes: maxBlobBytes)
            let unchanged = Set(two.children.filter { reusable[$0.key] == $0.value }.keys)
            return GitSnapshotPair(first: one.snapshot, second: two.snapshot, unchanged: unchanged)
        }
    }

    /// One revision's snapshot with the tree ids of the directories directly below `prefix`; those whose id is
    /// the same in `skipping` are not read.
    private static func read(
        _ revision: String, under prefix: String, skipping: [String: String], in repository: OpaquePointer, maxBlobBytes: Int
    ) throws(GitError) -> (snapshot: GitTreeSnapshot, children: [String: String]) {
        try resolveCommit(revision, in: repository) { (commit) throws(GitError) -> (snapshot: GitTreeSnapshot, children: [String: String]) in
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
                return (GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: false, entries: []), [:])
            }
            return (GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: true, entries: found), children)
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
