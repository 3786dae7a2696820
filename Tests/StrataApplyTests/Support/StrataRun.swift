import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the package and the built `strata` executable are.
enum TestPaths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `strata` executable built beside the running test bundle.
    static let strata: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("strata")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/strata")
    }()
}

/// What a finished `strata` run printed and how it exited.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var output: String { stdout + stderr }
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A `strata` (or other) process started by a test, its output going to files; no terminal, no input.
final class StartedProcess: @unchecked Sendable {
    let process = Process()
    private let outPath: String
    private let errPath: String

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], unset: [String] = [], directory: String? = nil) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-apply-run-\(UUID().uuidString)").path
        outPath = scratch + ".out"
        errPath = scratch + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for name in unset { env[name] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }

    /// Standard error so far.
    var stderrText: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Waits for the end and returns what it printed.
    func finish() -> CommandResult {
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: stderrText)
    }
}

/// Runs `strata` to completion with NO_COLOR, no terminal, this process's environment plus `environment`.
func strata(_ arguments: [String], environment: [String: String] = [:], unset: [String] = [], directory: String? = nil) throws -> CommandResult {
    try StartedProcess(TestPaths.strata.path, arguments, environment: environment, unset: unset, directory: directory).finish()
}

/// Runs any program to completion.
func runProgram(_ arguments: [String], directory: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
    try StartedProcess("/usr/bin/env", arguments, environment: environment, directory: directory).finish()
}

/// Whether `strata agent` is implemented in this build (it is built by another part of the project).
enum AgentAvailability {
    static let works: Bool = {
        guard let result = try? strata(["agent", "--help"]) else { return false }
        return result.status == 0 && result.stdout.contains("--config")
    }()
}

/// Whether the `openssl` command is installed (for certificates made at test time).
enum OpenSSLAvailability {
    static let works: Bool = (try? runProgram(["openssl", "version"]))?.status == 0
}
