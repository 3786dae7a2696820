import CLibGit2
import Glibc

extension GitRepository {
    /// Fetches `branch` from `remote` and returns the commit the remote's branch points to.
    ///
    /// `remote` is a configured remote's name (the result lands in `refs/remotes/NAME/BRANCH`),
    /// or a local path or URL (the result lands in `refs/strata/fetched/BRANCH`, which keeps the
    /// objects from being collected). Tags are not fetched, and `url.<base>.insteadOf` rewriting
    /// is not applied. No credential callback is installed yet, so remotes that need
    /// authentication fail with `fetch-failed`.
    public func fetch(remote: String, branch: String) throws(GitError) -> GitCommit {
        try Self.validateBranch(branch)
        return try withRepository { (repository) throws(GitError) -> GitCommit in
            try withRemote(remote, in: repository) { (handle, isNamed) throws(GitError) -> GitCommit in
                let source = "refs/heads/" + branch
                let destination = isNamed ? "refs/remotes/\(remote)/\(branch)" : "refs/strata/fetched/\(branch)"
                var options = git_fetch_options()
                try LibGit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "cannot prepare fetch options")
                options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
                try LibGit2.withStringArray(["+\(source):\(destination)"]) { (refspecs) throws(GitError) in
                    try LibGit2.check(
                        git_remote_fetch(handle, refspecs, &options, "strata: fetch \(branch) from \(remote)"),
                        code: .fetchFailed, "cannot fetch '\(branch)' from '\(remote)'")
                }
                // The advertised heads stay readable after the fetch disconnects; a branch missing
                // there must not fall back to a stale tracking reference.
                guard let tip = try Self.advertisedTarget(of: source, on: handle) else {
                    throw GitError(code: .unknownRemoteBranch, message: "remote '\(remote)' has no branch '\(branch)'")
                }
                return try GitCommit.lookup(tip, in: repository)
            }
        }
    }

    private static func validateBranch(_ branch: String) throws(GitError) {
        var valid: Int32 = 0
        try LibGit2.session { () throws(GitError) in
            try LibGit2.check(git_reference_name_is_valid(&valid, "refs/heads/" + branch), "cannot check branch name '\(branch)'")
        }
        guard valid == 1, !branch.isEmpty else {
            throw GitError(code: .invalidBranch, message: "'\(branch)' is not a valid branch name")
        }
    }

    /// Opens a remote for a configured name, a path or a URL, and frees it afterwards; the flag tells whether it was a name.
    ///
    /// Configured remotes are read as their URL rather than through `git_remote_lookup`: libgit2 1.5
    /// leaks regular-expression match data (about 20 KB per configuration key) while applying
    /// `url.<base>.insteadOf` (fixed upstream in libgit2 PR #6382), so that rewriting is skipped.
    private func withRemote<T>(
        _ remote: String, in repository: OpaquePointer, _ body: (OpaquePointer, Bool) throws(GitError) -> T
    ) throws(GitError) -> T {
        let configuredURL = try Self.configuredURL(ofRemote: remote, in: repository)
        let base = workdir ?? gitDirectory
        guard let location = configuredURL.map({ Self.location(of: $0, relativeTo: base) }) ?? Self.location(of: remote, relativeTo: nil) else {
            throw GitError(code: .unknownRemote, message: "no remote named '\(remote)', and no repository at that path")
        }
        var options = git_remote_create_options()
        try LibGit2.check(git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)), "cannot prepare remote options")
        options.repository = repository
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var handle: OpaquePointer?
        try LibGit2.check(git_remote_create_with_opts(&handle, location, &options), code: .unknownRemote, "cannot use '\(remote)' as a remote")
        guard let handle else { throw LibGit2.missingHandle("remote") }
        defer { git_remote_free(handle) }
        return try body(handle, configuredURL != nil)
    }

    /// The `remote.NAME.url` setting, or nil when `name` is not a configured remote.
    private static func configuredURL(ofRemote name: String, in repository: OpaquePointer) throws(GitError) -> String? {
        var valid: Int32 = 0
        guard git_remote_name_is_valid(&valid, name) >= 0, valid == 1 else { return nil }
        var configuration: OpaquePointer?
        try LibGit2.check(git_repository_config_snapshot(&configuration, repository), "cannot read the git configuration")
        defer { git_config_free(configuration) }
        var value: UnsafePointer<CChar>?
        let result = git_config_get_string(&value, configuration, "remote.\(name).url")
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(result, "cannot read the URL of remote '\(name)'")
        return value.map { String(cString: $0) }
    }

    /// A URL (`scheme://...` or `host:path`) as given, or an existing local path made absolute; nil when neither.
    private static func location(of remote: String, relativeTo base: String?) -> String? {
        if remote.contains("://") { return remote }
        if let colon = remote.firstIndex(of: ":"), !remote[..<colon].contains("/") { return remote }
        let path = remote.hasPrefix("/") ? remote : base.map { $0 + "/" + remote } ?? remote
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func advertisedTarget(of reference: String, on remote: OpaquePointer) throws(GitError) -> git_oid? {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try LibGit2.check(git_remote_ls(&heads, &count, remote), code: .fetchFailed, "cannot list the remote's branches")
        guard let heads else { return nil }
        for index in 0..<count {
            guard let head = heads[index], let name = head.pointee.name, String(cString: name) == reference else { continue }
            return head.pointee.oid
        }
        return nil
    }
}
