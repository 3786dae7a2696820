import CLibGit2

/// A git repository found on disk, held as plain paths.
///
/// Every method opens the repository, works, and frees every libgit2 handle before
/// returning, so the value can be shared freely between tasks.
public struct GitRepository: Sendable, Hashable {
    /// The repository's git directory (`.../.git`, or the bare repository itself), without a trailing `/`.
    public let gitDirectory: String
    /// The working tree's root without a trailing `/`, or nil for a bare repository.
    public let workdir: String?

    /// Whether the repository has no working tree.
    public var isBare: Bool { workdir == nil }

    /// Creates a value from known paths; prefer `discover(from:)`.
    public init(gitDirectory: String, workdir: String?) {
        self.gitDirectory = gitDirectory
        self.workdir = workdir
    }

    /// Finds the repository containing `path` (any subdirectory of a working tree, or a bare repository).
    public static func discover(from path: String) throws(GitError) -> GitRepository {
        try LibGit2.session { () throws(GitError) -> GitRepository in
            var buffer = git_buf()
            let result = git_repository_discover(&buffer, path, 0, nil)
            let found = LibGit2.take(&buffer)
            if result == GIT_ENOTFOUND.rawValue {
                throw GitError.notARepository(path, cause: LibGit2.lastErrorText())
            }
            try LibGit2.check(result, "cannot look for a repository from '\(path)'")
            var repository: OpaquePointer?
            try LibGit2.check(
                git_repository_open_ext(&repository, found, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
                "cannot open the repository at '\(found)'")
            guard let repository else { throw LibGit2.missingHandle("repository") }
            defer { git_repository_free(repository) }
            let workdir = git_repository_is_bare(repository) == 0 ? git_repository_workdir(repository).map { String(cString: $0) } : nil
            return GitRepository(
                gitDirectory: Self.trimmingTrailingSlash(String(cString: git_repository_path(repository))),
                workdir: workdir.map(Self.trimmingTrailingSlash))
        }
    }

    /// The short name of the branch HEAD points to (even before its first commit), or nil when HEAD is detached.
    public func headBranch() throws(GitError) -> String? {
        try withRepository { (repository) throws(GitError) -> String? in
            var head: OpaquePointer?
            try LibGit2.check(git_reference_lookup(&head, repository, "HEAD"), "cannot read HEAD")
            guard let head else { throw LibGit2.missingHandle("reference") }
            defer { git_reference_free(head) }
            guard git_reference_type(head) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(head) else {
                return nil
            }
            let name = String(cString: target)
            return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
        }
    }

    /// The commit HEAD points to, or nil in a repository without commits.
    public func headCommit() throws(GitError) -> GitCommit? {
        try withRepository { (repository) throws(GitError) -> GitCommit? in
            var id = git_oid()
            let result = git_reference_name_to_id(&id, repository, "HEAD")
            if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
            try LibGit2.check(result, "cannot read HEAD")
            return try GitCommit.lookup(id, in: repository)
        }
    }

    /// Opens this repository for the duration of `body`.
    func withRepository<T>(_ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try LibGit2.withRepository(at: workdir ?? gitDirectory, body)
    }

    private static func trimmingTrailingSlash(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
