import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// agent.yaml's `limits`: idle and half-sent connections are closed, the connection cap keeps
/// health and apply answering under a flood, and a refusal closes the connection.
@Suite("Agent connection limits", .serialized)
struct AgentLimitsTests {
    static let shortTimeouts = "limits: {idle_timeout: 1s, header_timeout: 1s, body_timeout: 1s}"

    @Test func thousandIdleConnectionsLeaveHealthAndApplyAnswering() async throws {
        let sandbox = try AgentSandbox(fastBackend: true)
        let agent = try await sandbox.start(fileLimit: 1_024)
        let clients = try await ConnectionHolder(count: 1_000, port: agent.port)

        let start = ContinuousClock.now
        let health = try agent.request("GET", AgentAPI.healthPath, token: nil)
        #expect(health.status == 200, "\(health.text)")
        #expect(ContinuousClock.now - start < .seconds(10), "health took \(ContinuousClock.now - start)")
        let apply = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
        #expect(apply.status == 200, "\(apply.text)")
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
        // The cap (512 by default) held: the agent closed the oldest idle connections instead of
        // running out of descriptors.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(agent.process.processIdentifier)/fd").count
        #expect(open < 600, "the agent holds \(open) descriptors")
        #expect(!agent.log.contains("Too many open files"), "\(agent.log.suffix(2_000))")
        await clients.close()
    }

    @Test func anIdleConnectionIsClosedWithinTheIdleTimeout() async throws {
        let sandbox = try AgentSandbox(extraYAML: Self.shortTimeouts)
        let agent = try await sandbox.start()
        let socket = try RawHTTP.connect(port: agent.port)
        defer { close(socket) }
        let waited = try RawHTTP.waitForClose(socket)
        #expect(waited > 0.5 && waited < 10, "closed after \(waited)s")
        // A keep-alive connection is idle again after its answer, and closed the same way.
        let reused = try RawHTTP.connect(port: agent.port)
        defer { close(reused) }
        try RawHTTP.write(reused, RawHTTP.request(method: "GET", path: AgentAPI.healthPath, token: nil, body: nil, headers: [], keepAlive: true))
        let afterAnswer = try RawHTTP.waitForClose(reused)
        #expect(afterAnswer > 0.5 && afterAnswer < 10, "closed after \(afterAnswer)s")
    }

    @Test(arguments: [
        "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half",
        "POST /v1/apply HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(AgentSandbox.token)\r\nContent-Length: 1000\r\n\r\n{\"machine\"",
    ])
    func aHalfSentRequestIsClosedWithinItsTimeout(prefix: String) async throws {
        let sandbox = try AgentSandbox(extraYAML: Self.shortTimeouts)
        let agent = try await sandbox.start()
        let socket = try RawHTTP.connect(port: agent.port)
        defer { close(socket) }
        try RawHTTP.write(socket, Array(prefix.utf8))
        let waited = try RawHTTP.waitForClose(socket)
        #expect(waited > 0.5 && waited < 10, "closed after \(waited)s")
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
        #expect(try agent.request("GET", AgentAPI.healthPath, token: nil).status == 200)
    }

    @Test func anApplyLongerThanTheTimeoutsIsNotCut() async throws {
        let sandbox = try AgentSandbox(extraYAML: Self.shortTimeouts)
        sandbox.touch(sandbox.slowApplyFlag)
        let agent = try await sandbox.start()
        let reply = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
        #expect(reply.status == 200, "\(reply.text)")
    }

    @Test(arguments: [("wrong-token", 100_000, 401), (AgentSandbox.token, 100_000, 413)])
    func aRefusalClosesTheConnectionWithoutReadingTheBody(token: String, length: Int, status: Int) async throws {
        let sandbox = try AgentSandbox(extraYAML: "max_body_bytes: 65536")
        let agent = try await sandbox.start()
        let socket = try RawHTTP.connect(port: agent.port)
        defer { close(socket) }
        // Keep-alive, and the announced body never comes: the answer must come with the connection closed.
        try RawHTTP.write(socket, RawHTTP.request(
            method: "POST", path: AgentAPI.applyPath, token: token, body: nil, headers: [], contentLength: length, keepAlive: true))
        let reply = try RawHTTP.parse(RawHTTP.readAll(socket))
        #expect(reply.status == status)
        #expect(reply.header("Connection")?.lowercased() == "close")
    }

    @Test func limitsAreReadAndCheckedWithTheirLocation() throws {
        let base = "listen: 127.0.0.1:0\nmachine: a.example.com\nversion: \"1\"\nstate_dir: s\ntoken: {env: T}\n"
            + "backend: {type: files, path: o.json, apply: [\"true\"]}\n"
        let (defaults, _) = AgentConfiguration.parse(Array(base.utf8), file: "agent.yaml", baseDirectory: "/tmp")
        #expect(defaults?.limits == AgentLimits(headerTimeoutSeconds: 10, idleTimeoutSeconds: 30, bodyTimeoutSeconds: 30, maxConnections: 512))
        let custom = base + "limits:\n  idle_timeout: 2m\n  max_connections: 64\n"
        let (configured, _) = AgentConfiguration.parse(Array(custom.utf8), file: "agent.yaml", baseDirectory: "/tmp")
        #expect(configured?.limits == AgentLimits(headerTimeoutSeconds: 10, idleTimeoutSeconds: 120, bodyTimeoutSeconds: 30, maxConnections: 64))
        let cases = [
            ("  header_timeout: 0s\n", ["8:19 E106 'agent.limits.header_timeout' is 0s, outside 1s...1d"]),
            ("  max_connections: 100000\n  idle_timout: 5s\n", ["8:20 E106", "9:3 E103"]),
        ]
        for (text, expected) in cases {
            let (refused, diagnostics) = AgentConfiguration.parse(Array((base + "limits:\n" + text).utf8), file: "agent.yaml", baseDirectory: "/tmp")
            #expect(refused == nil)
            let found = diagnostics.sorted.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue) \($0.message)" }
            #expect(found.count == expected.count && zip(found, expected).allSatisfy { $0.hasPrefix($1) }, "\(found)")
        }
    }
}

/// The agent at its file limit (a cap above it): accepting fails, and must not spin.
@Suite("Agent at its file limit", .serialized)
struct AgentFileLimitTests {
    @Test func anAgentOutOfDescriptorsDoesNotSpin() async throws {
        let sandbox = try AgentSandbox(extraYAML: "limits: {max_connections: 4096}", fastBackend: true)
        let agent = try await sandbox.start(fileLimit: 1_024)
        let clients: ConnectionHolder
        do {
            clients = try await ConnectionHolder(count: 1_100, port: agent.port)
        } catch {
            // Seen once (a refused connection): say whether the agent was still there, and what it logged.
            Issue.record("\(error)\nthe agent is \(agent.process.isRunning ? "running" : "gone"); its log:\n\(agent.log)")
            return
        }
        // Wait until the agent has taken every descriptor it may (its accepting is then failing), so the
        // window below measures only what it does at the limit.
        let pid = agent.process.processIdentifier
        try await Wait.until("the agent to reach its file limit", seconds: 60) { Self.openDescriptors(pid) >= 1_000 }
        // A measurement window, not a synchronisation: a spinning accept loop costs ~0.5-1 CPU second
        // per second here; a paused one next to nothing.
        let before = try Self.cpuSeconds(pid)
        try await Task.sleep(for: .milliseconds(500))
        let spent = try Self.cpuSeconds(pid) - before
        #expect(spent < 0.15, "the agent spent \(spent) CPU seconds in 0.5 s with no request to answer")
        await clients.close()
        do {
            #expect(try agent.request("GET", AgentAPI.healthPath, token: nil).status == 200)
        } catch {
            Issue.record("\(error)\nthe agent is \(agent.process.isRunning ? "running" : "gone") with \(Self.openDescriptors(pid)) descriptors; its log:\n\(agent.log)")
        }
    }

    /// How many descriptors a process has open, from /proc.
    static func openDescriptors(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"))?.count ?? 0
    }

    /// utime + stime of a process, from /proc.
    static func cpuSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        return (Double(fields[11]) ?? 0) / 100 + (Double(fields[12]) ?? 0) / 100
    }
}
