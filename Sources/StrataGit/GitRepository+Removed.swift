import CLibGit2

extension GitRepository {
    /// The files below `prefix` that the first-parent history of HEAD removed, walking back at most `limit`
    /// commits; each with the newest commit that still had it. A file removed, restored and removed again is
    /// reported once, with its newest removal. A file still present at HEAD is never reported. Only tree entries
    /// are read (no blob), and a subtree seen unchanged in an earlier commit is not walked again.
    public func removedFiles(under prefix: String, limit: Int) throws(GitError) -> [GitRemovedFile] {
        let prefix = GitTreeSnapshot.normalised(prefix)
        return try withRepository { (repository) throws(GitError) -> [GitRemovedFile] in
            var lister = TreeLister(repository: repository)
            var commit = try Self.resolveCommit("HEAD", in: repository) { (head) throws(GitError) -> OpaquePointer in
                var copy: OpaquePointer?
                try LibGit2.check(git_commit_dup(&copy, head), "cannot read HEAD")
                guard let copy else { throw LibGit2.missingHandle("commit") }
                return copy
            }
            defer { git_commit_free(commit) }
            var seen = try lister.files(of: commit, under: prefix)
            var reported = seen
            var removed: [GitRemovedFile] = []
            for _ in 0..<max(0, limit) {
                var parent: OpaquePointer?
                guard git_commit_parentcount(commit) > 0, git_commit_parent(&parent, commit, 0) == 0, let parent else { break }
                git_commit_free(commit)
                commit = parent
                let files = try lister.files(of: commit, under: prefix)
                let id = LibGit2.hex(git_commit_id(commit))
                for path in files.subtracting(seen).sorted() where !reported.contains(path) {
                    removed.append(GitRemovedFile(path: path, lastCommit: id))
                    reported.insert(path)
                }
                seen = files
            }
            return removed
        }
    }
}

/// Lists the blob paths of trees, remembering each tree already listed by its id.
private struct TreeLister {
    let repository: OpaquePointer
    private var known: [String: Set<String>] = [:]

    init(repository: OpaquePointer) {
        self.repository = repository
    }

    /// Every file below `prefix` in the commit's tree (paths relative to `prefix`); empty when it has no such directory.
    mutating func files(of commit: OpaquePointer, under prefix: String) throws(GitError) -> Set<String> {
        var root: OpaquePointer?
        try LibGit2.check(git_commit_tree(&root, commit), "cannot read the tree of a commit")
        guard let root else { throw LibGit2.missingHandle("tree") }
        defer { git_tree_free(root) }
        if prefix.isEmpty { return try files(ofTree: git_tree_id(root)) }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, prefix)
        if result == GIT_ENOTFOUND.rawValue { return [] }
        try LibGit2.check(result, "cannot look up '\(prefix)'")
        guard let entry else { throw LibGit2.missingHandle("tree entry") }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE, let id = git_tree_entry_id(entry) else { return [] }
        return try files(ofTree: id)
    }

    private mutating func files(ofTree id: UnsafePointer<git_oid>) throws(GitError) -> Set<String> {
        let key = LibGit2.hex(id)
        if let listed = known[key] { return listed }
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repository, id), "cannot read a tree")
        guard let tree else { throw LibGit2.missingHandle("tree") }
        defer { git_tree_free(tree) }
        var paths = Set<String>()
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry),
                let child = git_tree_entry_id(entry)
            else { continue }
            let name = String(cString: rawName)
            if git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE {
                for path in try files(ofTree: child) { paths.insert(name + "/" + path) }
            } else {
                paths.insert(name)
            }
        }
        known[key] = paths
        return paths
    }
}
