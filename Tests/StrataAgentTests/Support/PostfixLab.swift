import Foundation
import Testing
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A scratch Postfix instance under a temporary directory driven by a real `strata agent` with the
/// `postfix` backend, and a configuration repository (the Americas example adapted to loopback) that a
/// real `strata apply` pushes to it. `stop()` stops the instance and the agent (tests call it in `defer`).
final class PostfixLab: @unchecked Sendable {
    /// Whether this machine can run the tests: root, and Postfix installed.
    static let available = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/swaks")
    static let skipReason: Comment = "SKIPPED: the Postfix end-to-end tests need root and Postfix + swaks (run scripts/install-deps as root)"
    static let machine = "newyork.example.com"
    static let token = "postfix-lab-token-51c2"

    let root: String
    let incomingPort: Int
    let outgoingPort: Int
    private var agent: AgentProcess?
    private(set) var agentPort = 0
    private let agentLog: String

    init() throws {
        // Short paths: Postfix's unix sockets live under the queue directory (108-byte limit).
        root = "/tmp/spfx-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: root + "/repo", withIntermediateDirectories: true)
        incomingPort = try Self.freePort(on: "127.0.0.1")
        outgoingPort = try Self.freePort(on: "127.0.0.1")
        agentLog = root + "/agent.log"
    }

    var configDirectory: String { root + "/etc" }
    var repo: String { root + "/repo" }
    var maillog: String { root + "/maillog" }

    /// Writes agent.yaml and starts the agent; waits until it listens.
    func startAgent() async throws {
        let yaml = """
            listen: 127.0.0.1:0
            machine: \(Self.machine)
            version: "15.5.1"
            state_dir: state
            token: {env: STRATA_AGENT_TOKEN}
            backend:
              type: postfix
              config_directory: etc
              queue_directory: queue
              data_directory: data
              maillog_file: maillog
              timeout: 20s
            """
        try yaml.write(toFile: root + "/agent.yaml", atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(
            configPath: root + "/agent.yaml", logPath: agentLog, environment: ["STRATA_AGENT_TOKEN": Self.token])
        self.agent = agent
        agentPort = agent.port
    }

    /// What the agent logged.
    var log: String { (try? String(contentsOfFile: agentLog, encoding: .utf8)) ?? "" }

    /// Postfix's own log.
    var postfixLog: String { (try? String(contentsOfFile: maillog, encoding: .utf8)) ?? "" }

    /// Stops the instance (if one runs from this lab) and the agent, by their own ids; removes the directory.
    /// Clean-up (a `defer` cannot await): Postfix stops in well under a second; the agent is killed when released.
    func stop() {
        if FileManager.default.fileExists(atPath: configDirectory) {
            _ = try? runProcessBlocking("/usr/sbin/postfix", ["-c", configDirectory, "stop"])
        }
        agent = nil
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `strata COMMAND --repo <lab repo>` with the agent's token.
    func strata(_ arguments: [String]) async throws -> LabResult {
        try await runProgram([TestPaths.strata.path] + arguments + ["--repo", repo], environment: ["STRATA_AGENT_TOKEN": Self.token, "NO_COLOR": "1"])
    }

    /// Sends one message with swaks to `port` on 127.0.0.1 from `client`; the result of the conversation.
    func send(to recipient: String, marker: String, port: Int? = nil, client: String = "127.0.0.1") async throws -> LabResult {
        try await runProgram([
            "swaks", "--server", "127.0.0.1", "--port", String(port ?? incomingPort), "--local-interface", client,
            "--from", "sender@example.org", "--to", recipient, "--header", "Subject: \(marker)", "--body", "strata test \(marker)",
            "--timeout", "20",
        ])
    }

    /// A TCP port nobody listens on at `address`, found by binding port 0.
    static func freePort(on address: String) throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, address, &socketAddress.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw PostfixLabError("cannot bind \(address)") }
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: socketAddress.sin_port))
    }
}

/// How a program ended: its status and its standard output and error together.
struct LabResult: CustomStringConvertible {
    var status: Int32
    var output: String
    var description: String { "exit \(status)\n\(output)" }
}

/// Runs a program to completion (standard input empty).
func runProgram(_ arguments: [String], environment: [String: String] = [:]) async throws -> LabResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("spfx-run-\(UUID().uuidString)").path
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: output) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try await process.runUntilExit()
    try handle.close()
    return LabResult(status: process.terminationStatus, output: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
}
