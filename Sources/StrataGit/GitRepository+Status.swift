import CLibGit2

extension GitRepository {
    /// Paths below `prefix` whose index or working-tree state differs from HEAD, untracked files included, sorted by path.
    ///
    /// Ignored files are not reported; renames appear as a deletion and an addition.
    public func status(under prefix: String) throws(GitError) -> [GitFileStatus] {
        let prefix = GitTreeSnapshot.normalised(prefix)
        guard !isBare else { throw GitError.bareRepository("read the status") }
        // Glob characters would make the pathspec a pattern; then scan everything and filter below.
        let hasGlob = prefix.contains { "*?[\\".contains($0) }
        let pathspec = prefix.isEmpty || hasGlob ? [] : [prefix]
        return try withRepository { (repository) throws(GitError) -> [GitFileStatus] in
            try LibGit2.withStringArray(pathspec) { (strings) throws(GitError) -> [GitFileStatus] in
                var options = git_status_options()
                try LibGit2.check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "cannot prepare status options")
                options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
                options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
                options.pathspec = strings.pointee
                var list: OpaquePointer?
                let result = git_status_list_new(&list, repository, &options)
                if result == GIT_EBAREREPO.rawValue { throw GitError.bareRepository("read the status") }
                try LibGit2.check(result, "cannot read the status of '\(prefix)'")
                guard let list else { throw LibGit2.missingHandle("status list") }
                defer { git_status_list_free(list) }
                var statuses: [GitFileStatus] = []
                for index in 0..<git_status_list_entrycount(list) {
                    guard let entry = git_status_byindex(list, index), let status = Self.fileStatus(entry.pointee) else { continue }
                    if prefix.isEmpty || status.path == prefix || status.path.hasPrefix(prefix + "/") { statuses.append(status) }
                }
                return statuses.sorted { $0.path < $1.path }
            }
        }
    }

    /// Throws `dirty-worktree` when files below `prefix` have uncommitted changes (see `status(under:)`).
    public func requireClean(under prefix: String) throws(GitError) {
        let changes = try status(under: prefix)
        guard !changes.isEmpty else { return }
        let shown = changes.prefix(5).map(\.path).joined(separator: ", ") + (changes.count > 5 ? ", ..." : "")
        throw GitError(
            code: .dirtyWorktree,
            message: "'\(GitTreeSnapshot.normalised(prefix))' has uncommitted changes",
            cause: "\(changes.count) changed path\(changes.count == 1 ? "" : "s"): \(shown)")
    }

    private static func fileStatus(_ entry: git_status_entry) -> GitFileStatus? {
        let flags = entry.status.rawValue
        func has(_ flag: git_status_t) -> Bool { flags & flag.rawValue != 0 }
        let delta = entry.head_to_index ?? entry.index_to_workdir
        guard let delta, let rawPath = delta.pointee.new_file.path ?? delta.pointee.old_file.path else { return nil }
        var status = GitFileStatus(path: String(cString: rawPath))
        if has(GIT_STATUS_CONFLICTED) {
            status.staged = .conflicted
            status.unstaged = .conflicted
            return status
        }
        status.staged = stagedChanges.first { has($0.flag) }?.change
        status.unstaged = unstagedChanges.first { has($0.flag) }?.change
        return status.staged == nil && status.unstaged == nil ? nil : status
    }

    private static let stagedChanges: [(flag: git_status_t, change: GitFileChange)] = [
        (GIT_STATUS_INDEX_NEW, .added), (GIT_STATUS_INDEX_MODIFIED, .modified), (GIT_STATUS_INDEX_DELETED, .deleted),
        (GIT_STATUS_INDEX_RENAMED, .renamed), (GIT_STATUS_INDEX_TYPECHANGE, .typeChanged),
    ]

    private static let unstagedChanges: [(flag: git_status_t, change: GitFileChange)] = [
        (GIT_STATUS_WT_NEW, .untracked), (GIT_STATUS_WT_MODIFIED, .modified), (GIT_STATUS_WT_DELETED, .deleted),
        (GIT_STATUS_WT_RENAMED, .renamed), (GIT_STATUS_WT_TYPECHANGE, .typeChanged), (GIT_STATUS_WT_UNREADABLE, .unreadable),
    ]
}
