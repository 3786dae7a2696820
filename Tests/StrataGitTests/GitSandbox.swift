import Foundation
import StrataGit

/// A temporary directory for real repositories built with the `git` command-line tool.
///
/// The tool runs with its own HOME and no system configuration, so tests never depend on
/// the machine's git settings; commit dates are given explicitly for determinism.
struct GitSandbox {
    /// The author and committer of every commit made through the sandbox.
    static let identity = GitSignature(name: "Ada Tester", email: "ada@example.com")
    /// The date of the first commit of a sandbox history, in seconds since the epoch.
    static let firstDate = 1_700_000_000

    /// The sandbox's directory (symbolic links resolved).
    let root: String

    /// Creates an empty sandbox.
    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("strata-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
    }

    /// Deletes the sandbox.
    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `git arguments` in `directory` and returns its standard output without the final newline.
    @discardableResult
    func git(_ arguments: [String], in directory: String, date: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root + "/home", "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C",
            "GIT_AUTHOR_NAME": Self.identity.name, "GIT_AUTHOR_EMAIL": Self.identity.email,
            "GIT_COMMITTER_NAME": Self.identity.name, "GIT_COMMITTER_EMAIL": Self.identity.email,
        ]
        if let date {
            environment["GIT_AUTHOR_DATE"] = "@\(date) +0000"
            environment["GIT_COMMITTER_DATE"] = "@\(date) +0000"
        }
        process.environment = environment
        let errorPath = root + "/git-stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errorHandle.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errorText = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw GitCommandFailure(arguments: arguments, status: process.terminationStatus, standardError: errorText)
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Creates `name` as a new repository on branch `main` with the sandbox identity in its configuration.
    func makeRepository(_ name: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: path)
        // libgit2 runs in the test process, whose HOME is the machine's: give it the identity locally.
        try git(["config", "user.name", Self.identity.name], in: path)
        try git(["config", "user.email", Self.identity.email], in: path)
        return path
    }

    /// Writes `text` to `path` inside `repository`, creating directories.
    func write(_ text: String, to path: String, in repository: String) throws {
        try write(Array(text.utf8), to: path, in: repository)
    }

    /// Writes `bytes` to `path` inside `repository`, creating directories.
    func write(_ bytes: [UInt8], to path: String, in repository: String) throws {
        let url = URL(fileURLWithPath: repository + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// The bytes of `path` inside `repository`, or nil when it does not exist.
    func read(_ path: String, in repository: String) -> [UInt8]? {
        FileManager.default.contents(atPath: repository + "/" + path).map(Array.init)
    }

    /// Stages everything and commits at `date`; returns the new commit's id.
    @discardableResult
    func commitAll(_ message: String, in repository: String, date: Int) throws -> String {
        try git(["add", "-A"], in: repository)
        try git(["commit", "-q", "-m", message], in: repository, date: date)
        return try git(["rev-parse", "HEAD"], in: repository)
    }

    /// A repository with two commits on `main`, an annotated tag `v1` on the first and a lightweight tag `light` on the second.
    ///
    /// First commit: `README.md`, `clusters/a/cluster.yaml` ("name: a\n").
    /// Second commit: `clusters/a/cluster.yaml` ("name: a\nsize: 2\n"), adds `clusters/b/cluster.yaml` ("name: b\n").
    func makeHistory(_ name: String = "repo") throws -> History {
        let path = try makeRepository(name)
        try write("readme\n", to: "README.md", in: path)
        try write("name: a\n", to: "clusters/a/cluster.yaml", in: path)
        let first = try commitAll("First commit", in: path, date: Self.firstDate)
        try git(["tag", "-a", "v1", "-m", "release 1"], in: path, date: Self.firstDate)
        try write("name: a\nsize: 2\n", to: "clusters/a/cluster.yaml", in: path)
        try write("name: b\n", to: "clusters/b/cluster.yaml", in: path)
        let second = try commitAll("Second commit\n\nWith a body.", in: path, date: Self.firstDate + 100)
        try git(["tag", "light"], in: path)
        return History(path: path, first: first, second: second)
    }
}

/// A repository made by `GitSandbox.makeHistory` and the ids of its two commits.
struct History {
    /// The working tree.
    let path: String
    /// The first commit's id.
    let first: String
    /// The second commit's id (HEAD).
    let second: String
}

/// A `git` command that exited with a failure.
struct GitCommandFailure: Error, CustomStringConvertible {
    /// The arguments after `git`.
    let arguments: [String]
    /// The exit status.
    let status: Int32
    /// What git printed on standard error.
    let standardError: String

    var description: String { "git \(arguments.joined(separator: " ")) exited with \(status): \(standardError)" }
}
