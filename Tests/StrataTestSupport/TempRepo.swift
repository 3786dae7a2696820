public import Foundation

/// A configuration repository in a temporary directory (git on demand), removed when the test ends.
public final class TempRepo: @unchecked Sendable {
    /// The repository's root directory.
    public let root: URL

    /// A repository holding `files` (path: text).
    public init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
            .appendingPathComponent("strata-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// An empty repository, or a copy of examples/<example>.
    public convenience init(copying example: String?) throws {
        try self.init()
        if let example { try TestPaths.copyExample(example, to: root) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The root directory's path.
    public var path: String { root.path }

    /// Writes a text file (directories created as needed).
    public func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    /// Writes a file's bytes (directories created as needed).
    public func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// A file's text.
    public func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces the one occurrence of `old` in a file.
    public func replace(_ path: String, _ old: String, with new: String) throws {
        let text = try read(path)
        precondition(text.components(separatedBy: old).count == 2, "'\(old)' is not in \(path) exactly once")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Removes a file or directory.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// `git init` (with `.strata/` ignored) on the first call, then a commit of everything; returns the commit id.
    @discardableResult
    public func commitAll(_ message: String = "configuration") throws -> String {
        let environment = [
            "GIT_AUTHOR_NAME": "Strata Tests", "GIT_AUTHOR_EMAIL": "tests@strata.example",
            "GIT_COMMITTER_NAME": "Strata Tests", "GIT_COMMITTER_EMAIL": "tests@strata.example", "GIT_CONFIG_NOSYSTEM": "1",
        ]
        if !FileManager.default.fileExists(atPath: path + "/.git") {
            _ = try runProcessBlocking("/usr/bin/env", ["git", "init", "-q", "-b", "main"], environment: environment, directory: path)
            try write(".gitignore", ".strata/\n")
        }
        _ = try runProcessBlocking("/usr/bin/env", ["git", "add", "-A"], environment: environment, directory: path)
        let commit = try runProcessBlocking("/usr/bin/env", ["git", "commit", "-q", "-m", message], environment: environment, directory: path)
        precondition(commit.status == 0, "\(commit)")
        return try runProcessBlocking("/usr/bin/env", ["git", "rev-parse", "HEAD"], directory: path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The name the apply tests use for the same builder.
public typealias ConfigRepo = TempRepo
