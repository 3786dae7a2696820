public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `strata agent` process on loopback, started by a test: its standard error (the log) goes to a
/// file the test reads; the start returns once the log says `listening on HOST:PORT`. Killed (by its own
/// process id) if still running when released.
public final class AgentProcess: @unchecked Sendable {
    /// The running process.
    public let process = Process()
    /// The agent's log file.
    public let logPath: String
    /// The port the agent listens on.
    public private(set) var port = 0
    /// Yields once the process has exited (awaited, so no pool thread blocks on the agent).
    private let exited: AsyncStream<Void>

    /// Starts `strata agent --config configPath` with this process's environment plus `NO_COLOR=1` and
    /// `environment`; `fileLimit` runs it with that RLIMIT_NOFILE (through `sh -c 'ulimit -n N; exec ...'`,
    /// so the process id is the agent's). Throws when the agent exits or has not listened within `seconds`.
    public init(
        configPath: String, logPath: String, environment: [String: String] = [:], fileLimit: Int? = nil, seconds: Double = 60
    ) async throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: Data())
        if let fileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(fileLimit) && exec \"$0\" \"$@\"", TestPaths.strata.path, "agent", "--config", configPath]
        } else {
            process.executableURL = TestPaths.strata
            process.arguments = ["agent", "--config", configPath]
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let (exited, continuation) = AsyncStream<Void>.makeStream()
        self.exited = exited
        process.terminationHandler = { _ in
            continuation.yield()
            continuation.finish()
        }
        try process.run()
        port = try await Wait.value("the agent to listen (\(configPath))", seconds: seconds) { () throws -> Int? in
            if let port = listeningPort() { return port }
            guard process.isRunning else { throw AgentProcessError(description: "the agent exited: \(log)") }
            return nil
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Everything the agent logged so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// `http://127.0.0.1:PORT`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// SIGTERM, then the exit status.
    @discardableResult
    public func terminate() async -> (status: Int32, reason: Process.TerminationReason) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        await exit()
        return (process.terminationStatus, process.terminationReason)
    }

    /// SIGKILL, waiting for the process to be gone.
    public func crash() async {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        await exit()
    }

    /// Waits for the process to be gone, without holding a thread. An agent that has not gone after
    /// `killAfter` seconds (a hang guard, far above any shutdown) is killed, so a hung agent fails its test
    /// through its exit status instead of holding the suite until CI's timeout.
    private func exit(killAfter seconds: Int = 60) async {
        let pid = process.processIdentifier
        let guardTask = Task {
            try await Task.sleep(for: .seconds(seconds))
            kill(pid, SIGKILL)
        }
        for await _ in exited { break }
        guardTask.cancel()
        process.waitUntilExit()
    }

    /// The port of the log's `listening on HOST:PORT` line, once there.
    private func listeningPort() -> Int? {
        let log = self.log
        guard let range = log.range(of: #"listening on [0-9.]+:(\d+)"#, options: .regularExpression) else { return nil }
        return Int(log[range].split(separator: ":").last ?? "")
    }
}

/// An agent that did not start.
public struct AgentProcessError: Error, CustomStringConvertible {
    /// What happened, with the agent's log.
    public var description: String
}
