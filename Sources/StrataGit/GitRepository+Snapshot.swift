import CLibGit2

extension GitRepository {
    /// Reads the tree of `revision` below `prefix` (`clusters`, or empty for the whole tree).
    ///
    /// Blobs larger than `maxBlobBytes` are reported as `.tooLarge` without being loaded.
    /// A prefix that is missing, or is not a directory, gives an empty snapshot with `prefixExists == false`.
    public func snapshot(of revision: String, under prefix: String, maxBlobBytes: Int) throws(GitError) -> GitTreeSnapshot {
        let prefix = GitTreeSnapshot.normalised(prefix)
        return try withRepository { (repository) throws(GitError) -> GitTreeSnapshot in
            try Self.resolveCommit(revision, in: repository) { (commit) throws(GitError) -> GitTreeSnapshot in
                let value = try GitCommit(handle: commit)
                var root: OpaquePointer?
                try LibGit2.check(git_commit_tree(&root, commit), "cannot read the tree of \(value.shortId)")
                guard let root else { throw LibGit2.missingHandle("tree") }
                defer { git_tree_free(root) }
                var reader = try TreeReader(repository: repository, maxBlobBytes: maxBlobBytes)
                defer { reader.close() }
                guard let found = try reader.readDirectory(prefix, from: root) else {
                    return GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: false, entries: [])
                }
                return GitTreeSnapshot(commit: value, prefix: prefix, prefixExists: true, entries: found)
            }
        }
    }
}

/// A file or link below a directory that was listed but not read.
public struct GitUnreadEntry: Sendable, Equatable {
    /// Its path from the root of the tree.
    public let path: String
    /// Whether it is a symbolic link.
    public let link: Bool
}

/// Walks a tree inside an open repository and copies every entry into values.
struct TreeReader {
    let repository: OpaquePointer
    let database: OpaquePointer
    let maxBlobBytes: Int
    /// Directories whose files are listed in ``unread`` but not read (their contents are known to be elsewhere).
    var skipping: Set<String> = []
    /// The files and links below the directories of ``skipping``, by path, not read.
    private(set) var unread: [GitUnreadEntry] = []

    init(repository: OpaquePointer, maxBlobBytes: Int) throws(GitError) {
        var database: OpaquePointer?
        try LibGit2.check(git_repository_odb(&database, repository), "cannot open the object database")
        guard let database else { throw LibGit2.missingHandle("object database") }
        self.repository = repository
        self.database = database
        self.maxBlobBytes = max(0, maxBlobBytes)
    }

    func close() { git_odb_free(database) }

    /// Every entry below `path` in `root`, or nil when `path` is not a directory there.
    mutating func readDirectory(_ path: String, from root: OpaquePointer) throws(GitError) -> [GitTreeEntry]? {
        var entries: [GitTreeEntry] = []
        if path.isEmpty {
            try readTree(root, path: "", into: &entries)
            return entries
        }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, path)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(result, "cannot look up '\(path)'")
        guard let entry else { throw LibGit2.missingHandle("tree entry") }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE, let id = git_tree_entry_id(entry) else { return nil }
        try Self.withTree(repository, id, path: path) { (tree) throws(GitError) in try readTree(tree, path: path, into: &entries) }
        return entries
    }

    private mutating func readTree(_ tree: OpaquePointer, path: String, into entries: inout [GitTreeEntry]) throws(GitError) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry),
                let id = git_tree_entry_id(entry)
            else { continue }
            let name = String(cString: rawName)
            let entryPath = path.isEmpty ? name : path + "/" + name
            let mode = git_tree_entry_filemode(entry)
            switch mode {
            case GIT_FILEMODE_TREE:
                entries.append(GitTreeEntry(path: entryPath, kind: .directory))
                if skipping.contains(entryPath) {
                    try Self.withTree(repository, id, path: entryPath) { (subtree) throws(GitError) in try listUnread(subtree, path: entryPath) }
                    continue
                }
                try Self.withTree(repository, id, path: entryPath) { (subtree) throws(GitError) in
                    try readTree(subtree, path: entryPath, into: &entries)
                }
            case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
                let contents = try readBlob(id, path: entryPath)
                entries.append(GitTreeEntry(path: entryPath, kind: .file(contents, executable: mode == GIT_FILEMODE_BLOB_EXECUTABLE)))
            case GIT_FILEMODE_LINK:
                let kind: GitTreeEntryKind
                switch try readBlob(id, path: entryPath) {
                case .bytes(let target): kind = .symlink(target: String(decoding: target, as: UTF8.self))
                case .tooLarge: kind = .other(mode: mode.rawValue)
                }
                entries.append(GitTreeEntry(path: entryPath, kind: kind))
            case GIT_FILEMODE_COMMIT:
                entries.append(GitTreeEntry(path: entryPath, kind: .submodule(commit: LibGit2.hex(id))))
            default:
                entries.append(GitTreeEntry(path: entryPath, kind: .other(mode: git_tree_entry_filemode_raw(entry).rawValue)))
            }
        }
    }

    /// Lists the files and links below a skipped directory without reading them.
    private mutating func listUnread(_ tree: OpaquePointer, path: String) throws(GitError) {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry),
                let id = git_tree_entry_id(entry)
            else { continue }
            let entryPath = path + "/" + String(cString: rawName)
            let mode = git_tree_entry_filemode(entry)
            if mode == GIT_FILEMODE_TREE {
                try Self.withTree(repository, id, path: entryPath) { (subtree) throws(GitError) in try listUnread(subtree, path: entryPath) }
            } else {
                unread.append(GitUnreadEntry(path: entryPath, link: mode == GIT_FILEMODE_LINK))
            }
        }
    }

    private static func withTree(
        _ repository: OpaquePointer, _ id: UnsafePointer<git_oid>, path: String, _ body: (OpaquePointer) throws(GitError) -> Void
    ) throws(GitError) {
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repository, id), "cannot read directory '\(path)'")
        guard let tree else { throw LibGit2.missingHandle("tree") }
        defer { git_tree_free(tree) }
        try body(tree)
    }

    /// Reads a blob, checking its size from the object header first so large blobs are never loaded.
    private func readBlob(_ id: UnsafePointer<git_oid>, path: String) throws(GitError) -> GitBlobContents {
        var size = 0
        var type = GIT_OBJECT_INVALID
        try LibGit2.check(git_odb_read_header(&size, &type, database, id), "cannot read '\(path)'")
        if size > maxBlobBytes { return .tooLarge(size: size) }
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, repository, id), "cannot read '\(path)'")
        guard let blob else { throw LibGit2.missingHandle("blob") }
        defer { git_blob_free(blob) }
        let count = Int(git_blob_rawsize(blob))
        guard count > 0, let start = git_blob_rawcontent(blob) else { return .bytes([]) }
        return .bytes(Array(UnsafeRawBufferPointer(start: start, count: count)))
    }
}
