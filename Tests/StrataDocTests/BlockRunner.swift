import Foundation

/// What one command of a block printed (standard output and error interleaved) and its exit status.
struct CommandOutcome: Sendable {
    let lines: [String]
    let status: Int32
}

/// Runs a block's commands in one shell, in a scratch copy of the examples it names.
///
/// One `bash` per block keeps what a reader's shell keeps between lines (`export`, `cd`); a marker line
/// after each command separates the outputs and carries its exit status.
struct BlockRunner: Sendable {
    /// A hang guard, far above what any block takes (a few seconds).
    static let timeout: Duration = .seconds(180)
    /// Fixed git identity and dates: commits made by the setup lines get the same ids on every run.
    static let fixedDate = "2026-01-01T12:00:00Z"

    let header: DocHeader
    let commands: [String]

    func run() async throws -> [CommandOutcome] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-doctest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try prepare(scratch)
        let directory = header.directory.map { scratch.appendingPathComponent($0) } ?? scratch
        let environment = self.environment(scratch: scratch)
        if !header.setup.isEmpty {
            let script = "set -e\n" + header.setup.joined(separator: "\n") + "\n"
            let (status, output) = try await Self.shell(script, in: directory, environment: environment)
            guard status == 0 else { throw DocTestError("setup failed (exit \(status)):\n\(output)") }
        }
        let marker = "@@doctest-\(UUID().uuidString)@@"
        var script = "exec 2>&1\n"
        for command in commands { script += "\(command)\nprintf '\\n\(marker) %d\\n' \"$?\"\n" }
        let (_, output) = try await Self.shell(script, in: directory, environment: environment)
        return try Self.split(output.replacingOccurrences(of: scratch.path, with: "[TMP]"), marker: marker, count: commands.count)
    }

    private func prepare(_ scratch: URL) throws {
        let manager = FileManager.default
        for directory in ["", ".home", ".tmp"] {
            try manager.createDirectory(at: scratch.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        let gitconfig = "[user]\n\tname = Strata Docs\n\temail = docs@example.com\n[init]\n\tdefaultBranch = main\n"
        try Data(gitconfig.utf8).write(to: scratch.appendingPathComponent(".home/.gitconfig"))
        for path in header.copies {
            let target = scratch.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try copyVisible(DocPaths.packageRoot.appendingPathComponent(path), to: target)
        }
    }

    /// Copies a directory without its hidden entries (a `.strata/` state left by `make demo` is not the example).
    private func copyVisible(_ source: URL, to target: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
            throw DocTestError("repo=\(source.path): no such path in the project")
        }
        guard isDirectory.boolValue else { return try manager.copyItem(at: source, to: target) }
        try manager.createDirectory(at: target, withIntermediateDirectories: true)
        for item in try manager.contentsOfDirectory(atPath: source.path) where !item.hasPrefix(".") {
            try manager.copyItem(at: source.appendingPathComponent(item), to: target.appendingPathComponent(item))
        }
    }

    private func environment(scratch: URL) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": DocPaths.strata.deletingLastPathComponent().path + ":/usr/local/bin:/usr/bin:/bin",
            "HOME": scratch.appendingPathComponent(".home").path,
            "TMPDIR": scratch.appendingPathComponent(".tmp").path,
            "LANG": "C.UTF-8", "TZ": "UTC",
            "GIT_AUTHOR_DATE": Self.fixedDate, "GIT_COMMITTER_DATE": Self.fixedDate,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        // The toolchain's runtime libraries, when the binary finds them through the loader's path.
        if let libraries = inherited["LD_LIBRARY_PATH"] { environment["LD_LIBRARY_PATH"] = libraries }
        for (key, value) in header.environment { environment[key] = value }
        return environment
    }

    private static func split(_ output: String, marker: String, count: Int) throws -> [CommandOutcome] {
        var outcomes: [CommandOutcome] = []
        var rest = Substring(output)
        for _ in 0..<count {
            guard let range = rest.range(of: "\n\(marker) ") else { throw DocTestError("the shell stopped early:\n\(rest)") }
            var text = String(rest[..<range.lowerBound])
            let after = rest[range.upperBound...]
            let statusText = after.prefix { $0 != "\n" }
            rest = after.dropFirst(statusText.count + 1)
            while text.hasSuffix("\n") { text.removeLast() }
            let lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            outcomes.append(CommandOutcome(lines: lines, status: Int32(statusText) ?? -1))
        }
        return outcomes
    }

    /// Runs a bash script; the output goes to a file, so a large one never blocks the shell.
    static func shell(_ script: String, in directory: URL, environment: [String: String]) async throws -> (Int32, String) {
        let temporary = URL(fileURLWithPath: environment["TMPDIR"] ?? FileManager.default.temporaryDirectory.path)
        let outputURL = temporary.appendingPathComponent("output-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc", "-c", script]
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status = try await ProcessWaiter.run(process, timeout: timeout)
        try output.close()
        return (status, try String(contentsOf: outputURL, encoding: .utf8))
    }
}
