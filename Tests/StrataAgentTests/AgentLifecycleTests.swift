import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// Starting, stopping, TLS and the configuration file of a real `strata agent`.
@Suite("Agent lifecycle", .serialized)
struct AgentLifecycleTests {
    @Test func sigtermStopsTheAgentGracefully() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        #expect(try agent.request("GET", AgentAPI.healthPath).status == 200)
        let (status, reason) = await agent.terminate()
        #expect(reason == .exit)
        #expect(status == 0)
        #expect(agent.log.contains("stopped"))
        #expect(agent.log.contains("path=/v1/health"))
    }

    @Test func sigtermDuringAnApplyLetsItFinish() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        sandbox.touch(sandbox.slowApplyFlag)
        let socket = try RawHTTP.connect(port: agent.port)
        defer { close(socket) }
        try RawHTTP.write(socket, RawHTTP.request(
            method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: Array(Fixtures.apply(expected: 0).rendered().utf8),
            headers: []))
        // Once the apply command runs (it takes a second), ask the agent to stop.
        try await Wait.until("the apply command to start", seconds: 30, interval: 0.005) { !sandbox.markerLines().isEmpty }
        kill(agent.process.processIdentifier, SIGTERM)
        let reply = try RawHTTP.parse(RawHTTP.readAll(socket))
        #expect(reply.status == 200)
        let (status, _) = await agent.terminate()
        #expect(status == 0)
        #expect(agent.log.contains("stopped"))
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
    }

    @Test func theTokenCanComeFromAFileNextToTheConfiguration() async throws {
        let sandbox = try AgentSandbox(token: "{file: agent.token}")
        try "from-a-file\n".write(toFile: sandbox.root + "/agent.token", atomically: true, encoding: .utf8)
        let agent = try await sandbox.start()
        #expect(try agent.request("GET", AgentAPI.statePath, token: "from-a-file").status == 200)
        #expect(try agent.request("GET", AgentAPI.statePath).status == 401)
    }

    @Test func plainHTTPOnANonLoopbackAddressIsWarnedAbout() async throws {
        let quiet = try await AgentSandbox().start()
        #expect(!quiet.log.contains("plain HTTP"))
        let sandbox = try AgentSandbox(listen: "0.0.0.0:0")
        let agent = try await sandbox.start()
        #expect(agent.log.contains("warning"))
        #expect(agent.log.contains("serving plain HTTP on a non-loopback address"))
        #expect(try agent.request("GET", AgentAPI.healthPath).status == 200)
    }

    @Test func theAgentServesHTTPSWithTheConfiguredCertificate() async throws {
        let sandbox = try AgentSandbox(extraYAML: "tls: {certificate: tls/agent.crt, key: tls/agent.key}")
        try FileManager.default.createDirectory(atPath: sandbox.root + "/tls", withIntermediateDirectories: true)
        let generated = try await run("/usr/bin/env", [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", sandbox.root + "/tls/agent.key", "-out", sandbox.root + "/tls/agent.crt", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        try #require(generated.status == 0, "\(generated.output)")
        let agent = try await sandbox.start()
        #expect(agent.log.contains("scheme=https"))
        let request = String(decoding: RawHTTP.request(
            method: "GET", path: AgentAPI.statePath, token: AgentSandbox.token, body: nil, headers: []), as: UTF8.self)
        let reply = try await run("/usr/bin/env", [
            "openssl", "s_client", "-connect", "127.0.0.1:\(agent.port)", "-CAfile", sandbox.root + "/tls/agent.crt",
            "-verify_return_error", "-quiet",
        ], input: request)
        let parsed = try RawHTTP.parse(Array(reply.stdout.utf8))
        #expect(parsed.status == 200)
        #expect(try AgentState(json: try #require(parsed.json)).machine == AgentSandbox.machine)
        // Plain HTTP to the TLS port gets no answer.
        #expect((try? agent.request("GET", AgentAPI.healthPath))?.status != 200)
    }

    @Test func anInvalidAgentConfigurationIsReportedWithItsLocation() async throws {
        let sandbox = try AgentSandbox()
        try """
            listen: 127.0.0.1
            machine: NewYork
            version: 15.5
            state_dir: state
            token: secret-in-the-file
            backend: {type: files, path: out.json, apply: [], timout: 30s}
            """.write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let result = try await run(TestPaths.strata.path, ["agent", "--config", sandbox.configPath])
        #expect(result.status == 1)
        let path = sandbox.configPath
        #expect(result.output.contains("\(path):1:9: error[E106]"), "\(result.output)")
        #expect(result.output.contains("\(path):2:10: error[E106]"))
        #expect(result.output.contains("\(path):3:10: error[E102]"))
        #expect(result.output.contains("\(path):5:8: error[E109]"))
        #expect(result.output.contains("unknown field 'timout'"))
        #expect(result.output.contains("error: '\(path)' is not a valid agent configuration"))
    }

    @Test func aMissingTokenStopsTheAgentBeforeItListens() async throws {
        let sandbox = try AgentSandbox()
        let result = try await run(TestPaths.strata.path, ["agent", "--config", sandbox.configPath], unset: ["STRATA_AGENT_TOKEN"])
        #expect(result.status == 1)
        #expect(result.output.contains(
            "\(sandbox.configPath):6:8: error[E106]: 'agent.token' cannot be used: the environment variable STRATA_AGENT_TOKEN is not set"),
            "\(result.output)")
        #expect(!result.output.contains("listening"))
    }

    /// The packaged agent.yaml ships with `machine: ""` and a token file still to be made: one run names both.
    @Test func anEmptyMachineAndAMissingTokenFileAreNamedTogether() async throws {
        let sandbox = try AgentSandbox(token: "{file: agent.token}")
        try sandbox.writeConfig()
        var yaml = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "machine: \(AgentSandbox.machine)", with: "machine: \"\"")
        try yaml.write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let result = try await run(TestPaths.strata.path, ["agent", "--config", sandbox.configPath, "--check"])
        let path = sandbox.configPath
        let tokenFile = (path as NSString).deletingLastPathComponent + "/agent.token"
        #expect(result.status == 1)
        let diagnostics = result.output.split(separator: "\n").filter { $0.contains(": error[") }
        #expect(diagnostics == [
            "\(path):2:10: error[E106]: 'agent.machine' is empty",
            "\(path):6:8: error[E011]: 'agent.token' cannot be used: the token file '\(tokenFile)' does not exist",
        ], "\(result.output)")
    }

    @Test func theExampleConfigurationIsValid() async throws {
        let example = TestPaths.packageRoot.appendingPathComponent("examples/agent/agent.yaml").path
        // --check reads the token too: the example's comes from the environment.
        let result = try await run("/usr/bin/env", ["STRATA_AGENT_TOKEN=example-token", TestPaths.strata.path, "agent", "--config", example, "--check"])
        #expect(result.status == 0, "\(result.output)")
    }

    struct Finished {
        var status: Int32
        var stdout: String
        var output: String
    }

    /// Runs a program to completion; `output` is standard output followed by standard error.
    func run(_ executable: String, _ arguments: [String], input: String? = nil, unset: [String] = []) async throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for name in unset { environment[name] = nil }
        process.environment = environment
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-run-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch + ".in", contents: Data((input ?? "").utf8))
        defer { for suffix in [".out", ".err", ".in"] { try? FileManager.default.removeItem(atPath: scratch + suffix) } }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scratch + ".in"))
        try await process.runUntilExit()
        let out = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
        return Finished(status: process.terminationStatus, stdout: out, output: out + err)
    }
}
