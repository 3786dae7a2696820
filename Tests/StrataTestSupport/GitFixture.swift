public import Foundation

/// A real git repository, built with the git command-line tool in a temporary directory that is removed
/// when the fixture goes away.
///
/// Every git and `strata` run gets the same private environment: `HOME` (holding a `.gitconfig` with the
/// test identity), the author and committer identity, and fixed dates that advance one minute per commit,
/// so commit ids do not depend on the clock or on the machine running the tests.
public final class GitFixture: @unchecked Sendable {
    public static let name = "Strata Tests"
    public static let email = "tests@strata.example"
    public static let identity = "\(name) <\(email)>"

    /// The temporary directory holding everything (home, working tree, worktrees, clones).
    public let base: URL
    /// The private home directory.
    public let home: URL
    /// The working tree of the repository.
    public let work: URL
    /// The environment of every git and `strata` run (also what `runStrata` gets).
    public private(set) var environment: [String: String]
    private var commits = 0
    private var scratchCount = 0

    /// An empty repository on branch `main`; with `example`, a copy of examples/<example> at `prefix` (not committed).
    /// `identityInConfiguration: false` leaves `user.name`/`user.email` out of `.gitconfig`, so the identity
    /// comes from the environment only.
    public init(copying example: String? = "americas", prefix: String = "", identityInConfiguration: Bool = true) throws {
        base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
            .appendingPathComponent("strata-git-\(UUID().uuidString)")
        home = base.appendingPathComponent("home")
        work = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var configuration = """
            [init]
            \tdefaultBranch = main
            [advice]
            \tdetachedHead = false
            [core]
            \tautocrlf = false

            """
        if identityInConfiguration {
            configuration += "[user]\n\tname = \(Self.name)\n\temail = \(Self.email)\n"
        }
        try Data(configuration.utf8).write(to: home.appendingPathComponent(".gitconfig"))
        environment = [
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": Self.name, "GIT_AUTHOR_EMAIL": Self.email,
            "GIT_COMMITTER_NAME": Self.name, "GIT_COMMITTER_EMAIL": Self.email,
            "LC_ALL": "C",
        ]
        setDate()
        try git("init", "-q", "-b", "main")
        if let example {
            try TestPaths.copyExample(example, to: prefix.isEmpty ? work : work.appendingPathComponent(prefix))
        }
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    public var path: String { work.path }

    // MARK: Files

    public func url(_ path: String) -> URL { work.appendingPathComponent(path) }

    public func write(_ path: String, _ text: String) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url(path).path)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    /// Replaces the one occurrence of `old` in a file; fails when there is not exactly one.
    public func replace(_ path: String, _ old: String, with new: String) throws {
        let text = try read(path)
        let count = text.components(separatedBy: old).count - 1
        guard count == 1 else { throw FixtureError("'\(old)' occurs \(count) times in \(path), not once") }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Appends text to a file.
    public func append(_ path: String, _ text: String) throws {
        try write(path, try read(path) + text)
    }

    /// A new directory under the fixture's base, outside the working tree.
    public func scratchDirectory(_ name: String) throws -> URL {
        scratchCount += 1
        let url = base.appendingPathComponent("\(name)-\(scratchCount)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Git

    /// Runs git in the working tree (or `directory`) and returns its standard output; throws when git fails.
    @discardableResult
    public func git(_ arguments: String..., in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> String {
        try git(arguments, in: directory, extraEnvironment: extraEnvironment)
    }

    @discardableResult
    public func git(_ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> String {
        var env = environment
        for (key, value) in extraEnvironment { env[key] = value }
        // The machine's own GIT_* variables must not leak into fixture repositories.
        let result = try runProcessBlocking(
            "/usr/bin/env", ["git"] + arguments, environment: env, directory: (directory ?? work).path, droppingInherited: ["GIT_"])
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// `git add -A` and a commit of everything, at the next fixed date; returns the full commit id.
    @discardableResult
    public func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        let id = try revParse("HEAD")
        setDate()
        return id
    }

    /// The full commit id a revision names (tags peeled).
    public func revParse(_ revision: String) throws -> String {
        try git("rev-parse", "--verify", "\(revision)^{commit}").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The abbreviated commit id, as git (and libgit2) abbreviate it.
    public func shortId(_ revision: String) throws -> String {
        try git("rev-parse", "--short", "\(revision)^{commit}").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `git status --porcelain`, untracked files listed one by one, without refreshing the index.
    public func status() throws -> String {
        try git(["status", "--porcelain=v1", "--untracked-files=all"], extraEnvironment: ["GIT_OPTIONAL_LOCKS": "0"])
    }

    /// The raw bytes of `.git/index`.
    public func indexBytes() throws -> Data {
        try Data(contentsOf: work.appendingPathComponent(".git/index"))
    }

    /// A detached worktree at `revision`, outside the main working tree.
    public func worktree(at revision: String) throws -> URL {
        let directory = base.appendingPathComponent("worktree-\(UUID().uuidString.prefix(8))")
        try git("worktree", "add", "-q", "--detach", directory.path, revision)
        return directory
    }

    /// A bare clone of the repository (every branch and tag), beside the working tree.
    public func bareClone() throws -> URL {
        let directory = base.appendingPathComponent("bare-\(UUID().uuidString.prefix(8)).git")
        try git("clone", "-q", "--bare", work.path, directory.path, in: base)
        return directory
    }

    // MARK: strata

    /// Runs the real `strata` executable with this fixture's environment (and extra variables).
    public func strata(_ arguments: [String], directory: URL? = nil, extraEnvironment: [String: String] = [:]) async throws -> CommandResult {
        var env = environment
        for (key, value) in extraEnvironment { env[key] = value }
        return try await runStrata(arguments, environment: env, directory: directory?.path)
    }

    /// Advances the fixed author and committer date by one minute.
    private func setDate() {
        let date = "@\(1_700_000_000 + 60 * commits) +0000"
        commits += 1
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
    }
}
