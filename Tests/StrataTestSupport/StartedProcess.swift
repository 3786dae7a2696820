public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `strata` (or other) process started by a test, its output going to files (a large output can
/// never block it); no terminal, no input. Killed (by its own process id) if still running when released.
public final class StartedProcess: @unchecked Sendable {
    /// The running process.
    public let process = Process()
    private let outPath: String
    private let errPath: String
    /// Yields once the process has exited: an `await` on it leaves the concurrency pool's thread free
    /// for other tests (the machine has few cores, and a blocked pool thread is one less test running).
    /// Its lifetime arrives with the exit, measured on the thread that sees the exit (a test's own
    /// measurement would add the time its task waits for a pool thread on a loaded machine).
    private let exited: AsyncStream<Duration>

    /// Starts `executable` with this process's environment, minus the variables in `unset` and those whose
    /// names start with one of `droppingInherited` (e.g. `GIT_`), plus `NO_COLOR=1` and `environment`.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], unset: [String] = [],
        droppingInherited prefixes: [String] = [], directory: String? = nil
    ) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-run-\(UUID().uuidString)").path
        outPath = scratch + ".out"
        errPath = scratch + ".err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { variable in !prefixes.contains { variable.key.hasPrefix($0) } }
        env["NO_COLOR"] = "1"
        for name in unset { env[name] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let (exited, continuation) = AsyncStream<Duration>.makeStream()
        self.exited = exited
        let started = ContinuousClock.now
        process.terminationHandler = { _ in
            continuation.yield(ContinuousClock.now - started)
            continuation.finish()
        }
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

    /// Standard output so far.
    public var stdoutText: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

    /// Standard error so far.
    public var stderrText: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Waits for the end, without holding a thread, and returns what it printed.
    public func finish() async -> CommandResult {
        var lifetime = Duration.zero
        for await measured in exited {
            lifetime = measured
            break
        }
        process.waitUntilExit()
        var result = CommandResult(status: process.terminationStatus, stdout: stdoutText, stderr: stderrText)
        result.seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        return result
    }

    /// Waits for the end on this thread: only where no `await` is possible (a lazily computed constant).
    public func finishBlocking() -> CommandResult {
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: stdoutText, stderr: stderrText)
    }
}

/// Runs a program to completion with this process's environment plus `environment`, no terminal, output
/// captured; inherited variables whose names start with one of `droppingInherited` are left out.
public func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
    droppingInherited prefixes: [String] = []
) async throws -> CommandResult {
    try await StartedProcess(executable, arguments, environment: environment, droppingInherited: prefixes, directory: directory).finish()
}

/// ``runProcess`` holding this thread: for quick tools (git) inside fixture builders that stay synchronous.
public func runProcessBlocking(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
    droppingInherited prefixes: [String] = []
) throws -> CommandResult {
    try StartedProcess(executable, arguments, environment: environment, droppingInherited: prefixes, directory: directory).finishBlocking()
}

/// Runs `strata` with arguments, NO_COLOR set and no terminal.
public func runStrata(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) async throws -> CommandResult {
    try await runProcess(TestPaths.strata.path, arguments, environment: environment, directory: directory)
}
