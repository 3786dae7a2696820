import Foundation
import Testing

/// A real git repository, built with the git command-line tool in a temporary directory that is removed
/// when the fixture goes away.
///
/// Every git and `strata` run gets the same private environment: `HOME` (holding a `.gitconfig` with the
/// test identity), the author and committer identity, and fixed dates that advance one minute per commit,
/// so commit ids do not depend on the clock or on the machine running the tests.
final class GitFixture: @unchecked Sendable {
    static let name = "Strata Tests"
    static let email = "tests@strata.example"
    static let identity = "\(name) <\(email)>"

    /// The temporary directory holding everything (home, working tree, worktrees, clones).
    let base: URL
    /// The private home directory.
    let home: URL
    /// The working tree of the repository.
    let work: URL
    /// The environment of every git and `strata` run (also what `runStrata` gets).
    private(set) var environment: [String: String]
    private var commits = 0
    private var scratchCount = 0

    /// An empty repository on branch `main`; with `example`, a copy of examples/<example> at `prefix` (not committed).
    /// `identityInConfiguration: false` leaves `user.name`/`user.email` out of `.gitconfig`, so the identity
    /// comes from the environment only.
    init(copying example: String? = "americas", prefix: String = "", identityInConfiguration: Bool = true) throws {
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
            let source = TestPaths.packageRoot.appendingPathComponent("examples/\(example)")
            let destination = prefix.isEmpty ? work : work.appendingPathComponent(prefix)
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            // Hidden entries (a `.strata/` state left by `make demo` or an earlier run) are not part of the example.
            for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !item.hasPrefix(".") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: destination.appendingPathComponent(item))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: base) }

    var path: String { work.path }

    // MARK: Files

    func url(_ path: String) -> URL { work.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url(path).path)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    /// Replaces the one occurrence of `old` in a file; fails when there is not exactly one.
    func replace(_ path: String, _ old: String, with new: String) throws {
        let text = try read(path)
        let count = text.components(separatedBy: old).count - 1
        guard count == 1 else { throw FixtureError("'\(old)' occurs \(count) times in \(path), not once") }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Appends text to a file.
    func append(_ path: String, _ text: String) throws {
        try write(path, try read(path) + text)
    }

    /// A new directory under the fixture's base, outside the working tree.
    func scratchDirectory(_ name: String) throws -> URL {
        scratchCount += 1
        let url = base.appendingPathComponent("\(name)-\(scratchCount)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Git

    /// Runs git in the working tree (or `directory`) and returns its standard output; throws when git fails.
    @discardableResult
    func git(_ arguments: String..., in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> String {
        try git(arguments, in: directory, extraEnvironment: extraEnvironment)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> String {
        var env = environment
        for (key, value) in extraEnvironment { env[key] = value }
        let result = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, environment: env, directory: directory ?? work)
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// `git add -A` and a commit of everything, at the next fixed date; returns the full commit id.
    @discardableResult
    func commitAll(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        let id = try revParse("HEAD")
        setDate()
        return id
    }

    /// The full commit id a revision names (tags peeled).
    func revParse(_ revision: String) throws -> String {
        try git("rev-parse", "--verify", "\(revision)^{commit}").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The abbreviated commit id, as git (and libgit2) abbreviate it.
    func shortId(_ revision: String) throws -> String {
        try git("rev-parse", "--short", "\(revision)^{commit}").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `git status --porcelain`, untracked files listed one by one, without refreshing the index.
    func status() throws -> String {
        try git(["status", "--porcelain=v1", "--untracked-files=all"], extraEnvironment: ["GIT_OPTIONAL_LOCKS": "0"])
    }

    /// The raw bytes of `.git/index`.
    func indexBytes() throws -> Data {
        try Data(contentsOf: work.appendingPathComponent(".git/index"))
    }

    /// A detached worktree at `revision`, outside the main working tree.
    func worktree(at revision: String) throws -> URL {
        let directory = base.appendingPathComponent("worktree-\(UUID().uuidString.prefix(8))")
        try git("worktree", "add", "-q", "--detach", directory.path, revision)
        return directory
    }

    /// A bare clone of the repository (every branch and tag), beside the working tree.
    func bareClone() throws -> URL {
        let directory = base.appendingPathComponent("bare-\(UUID().uuidString.prefix(8)).git")
        try git("clone", "-q", "--bare", work.path, directory.path, in: base)
        return directory
    }

    // MARK: strata

    /// Runs the real `strata` executable with this fixture's environment (and extra variables).
    func strata(_ arguments: [String], directory: URL? = nil, extraEnvironment: [String: String] = [:]) throws -> CommandResult {
        var env = environment
        for (key, value) in extraEnvironment { env[key] = value }
        return try runStrata(arguments, environment: env, directory: directory?.path)
    }

    /// Advances the fixed author and committer date by one minute.
    private func setDate() {
        let date = "@\(1_700_000_000 + 60 * commits) +0000"
        commits += 1
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
    }
}

/// Fixtures shared by a whole test run (static, so never deinitialised): their directories go when the process exits.
enum SharedFixtures {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var directories: [URL] = []
    private static let cleanUpAtExit: Void = { atexit { SharedFixtures.removeAll() } }()

    /// Removes the fixture's directory at exit.
    static func keep(_ fixture: GitFixture) {
        _ = cleanUpAtExit
        lock.lock()
        directories.append(fixture.base)
        lock.unlock()
    }

    private static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program with exactly `environment` added to a copy of this process's one without its `GIT_*` variables.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String], directory: URL) throws -> CommandResult {
    // The machine's own GIT_* variables must not leak into fixture repositories.
    try runProcess(executable.path, arguments, environment: environment, directory: directory.path, droppingInherited: ["GIT_"])
}

// MARK: JSON helpers

/// Parses a JSON object.
func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? [String: Any])
}

/// Any JSON value re-serialised with sorted keys, for exact comparisons of parsed values.
func canonicalJSON(_ value: Any?) throws -> String {
    guard let value, !(value is NSNull) else { return "null" }
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    return String(decoding: data, as: UTF8.self)
}

/// JSON text re-serialised with sorted keys.
func canonicalJSON(text: String) throws -> String {
    try canonicalJSON(JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
}
