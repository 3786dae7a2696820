import Foundation
import StrataModel
#if canImport(Glibc)
import Glibc
#endif

/// A directory for one agent: agent.yaml, a state directory, the backend's scripts and files.
///
/// The scripts append `PHASE GENERATION CHECKSUM` to `marker` each time the agent runs them, so a
/// test can see which commands ran, in which order, on which file; `fail-apply` and `fail-health`
/// make them fail, `slow-apply` makes `apply` take a second.
final class AgentSandbox {
    static let token = "agent-token-7f3a9c"
    static let machine = "newyork.example.com"

    let root: String
    let extraYAML: String
    /// `apply: ["true"]` and no health command: an apply spends its time in the agent, not in scripts.
    let fastBackend: Bool
    let listen: String
    let tokenYAML: String

    init(
        extraYAML: String = "", fastBackend: Bool = false, listen: String = "127.0.0.1:0",
        token: String = "{env: STRATA_AGENT_TOKEN}"
    ) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-agent-\(UUID().uuidString)").path
        self.extraYAML = extraYAML
        self.fastBackend = fastBackend
        self.listen = listen
        self.tokenYAML = token
        try FileManager.default.createDirectory(atPath: root + "/mailgw", withIntermediateDirectories: true)
        try script("apply.sh", """
            #!/bin/sh
            # apply.sh MARKER: record the phase, the generation and the file's checksum.
            sum=$(cksum < "$STRATA_CONFIG" 2>/dev/null | cut -d' ' -f1)
            echo "$STRATA_PHASE $STRATA_GENERATION ${sum:-none}" >> "$1"
            if [ -n "$STRATA_AGENT_TOKEN" ]; then echo "token-visible" >> "$1"; fi
            echo "reloaded mail gateway (generation $STRATA_GENERATION)"
            if [ -e "$(dirname "$1")/slow-apply" ]; then sleep 1; fi
            if [ -e "$(dirname "$1")/fail-apply" ]; then echo "apply: the gateway refused the configuration"; exit 3; fi
            exit 0
            """)
        try script("health.sh", """
            #!/bin/sh
            # health.sh FLAG: healthy unless FLAG exists.
            echo "checking port 25"
            if [ -e "$1" ]; then echo "health: port 25 does not answer"; exit 1; fi
            echo "healthy"
            """)
        try writeConfig()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var configPath: String { root + "/agent.yaml" }
    var stateDirectory: String { root + "/state" }
    var backendFile: String { root + "/mailgw/strata.json" }
    var marker: String { root + "/mailgw/marker" }
    var failHealthFlag: String { root + "/mailgw/fail-health" }
    var failApplyFlag: String { root + "/mailgw/fail-apply" }
    var slowApplyFlag: String { root + "/mailgw/slow-apply" }

    /// The lines the backend scripts recorded.
    func markerLines() -> [String] {
        ((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func writeConfig() throws {
        let commands = fastBackend ? "  apply: [\"true\"]" : """
              apply: ["./apply.sh", "\(marker)"]
              health: ["./health.sh", "\(failHealthFlag)"]
            """
        let yaml = """
            listen: \(listen)
            machine: \(Self.machine)
            version: "15.5.1"
            state_dir: state
            keep_generations: 5
            token: \(tokenYAML)
            backend:
              type: files
              path: mailgw/strata.json
            \(commands)
              timeout: 10s
            \(extraYAML)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func touch(_ path: String) { _ = FileManager.default.createFile(atPath: path, contents: Data()) }

    private func script(_ name: String, _ text: String) throws {
        let path = root + "/" + name
        try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    /// Starts `strata agent` on this sandbox and waits until it listens; `fileLimit` runs it with
    /// that RLIMIT_NOFILE (through `sh -c 'ulimit -n N; exec ...'`, so the process id is the agent's).
    func start(environment: [String: String] = [:], fileLimit: Int? = nil) throws -> RunningAgent {
        try RunningAgent(sandbox: self, environment: environment, fileLimit: fileLimit)
    }
}

/// A `strata agent` process started by a test; its standard error goes to a file the test reads.
final class RunningAgent {
    let process = Process()
    let logPath: String
    private(set) var port = 0

    init(sandbox: AgentSandbox, environment: [String: String], fileLimit: Int? = nil) throws {
        logPath = sandbox.root + "/agent-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: Data())
        if let fileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(fileLimit) && exec \"$0\" \"$@\"", TestPaths.strata.path, "agent", "--config", sandbox.configPath]
        } else {
            process.executableURL = TestPaths.strata
            process.arguments = ["agent", "--config", sandbox.configPath]
        }
        var env = ProcessInfo.processInfo.environment
        env["STRATA_AGENT_TOKEN"] = AgentSandbox.token
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
        port = try waitForPort()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Everything the agent logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Reads `listening on HOST:PORT` from the log; fails if the agent exits first.
    private func waitForPort() throws -> Int {
        for _ in 0..<6_000 {
            if let range = log.range(of: #"listening on [0-9.]+:(\d+)"#, options: .regularExpression) {
                let text = log[range]
                if let port = Int(text.split(separator: ":").last ?? "") { return port }
            }
            guard process.isRunning else { throw RawHTTP.Failure(description: "the agent exited: \(log)") }
            usleep(10_000)
        }
        throw RawHTTP.Failure(description: "the agent did not start listening: \(log)")
    }

    /// A request with the right token unless told otherwise.
    func request(_ method: String, _ path: String, token: String? = AgentSandbox.token, json: JSON? = nil) throws -> HTTPReply {
        if let json { return try RawHTTP.send(port: port, method: method, path: path, token: token, json: json) }
        return try RawHTTP.send(port: port, method: method, path: path, token: token)
    }

    /// SIGTERM, then the exit status.
    func terminate() -> (status: Int32, reason: Process.TerminationReason) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason)
    }

    /// SIGKILL, waiting for the process to be gone.
    func crash() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Where the built `strata` executable is.
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
