import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Logging
import NIOCore
import StrataAgent
import StrataModel
import StrataState
import StrataTestSupport

/// The `/v1` routes driven in-process through Hummingbird's test client (no socket, no process): the
/// same router `strata agent` serves, over a real state directory and `files` backend. Beside the
/// real-process tests (AgentAPITests), never instead of them.
@Suite("Agent routes in-process")
struct AgentRoutesInProcessTests {
    /// What an in-process request answered.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPFields
        var text: String
        var json: JSON? { try? JSONParser.parse(text) }
        var errorCode: String? { json?["error"]?["code"]?.stringValue }
    }

    /// Serves the sandbox's agent.yaml from an in-process router while `test` runs.
    static func withAgent<Value: Sendable>(
        _ sandbox: AgentSandbox, _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sandbox.configPath)))
        let (parsed, diagnostics) = AgentConfiguration.parse(bytes, file: "agent.yaml", baseDirectory: sandbox.root)
        let configuration = try #require(parsed, "agent.yaml refused: \(diagnostics.sorted.map(\.message))")
        let logger = Logger(label: "strata-agent-test") { _ in SwiftLogNoOpLogHandler() }
        let router = try await AgentServer(configuration: configuration, logger: logger).makeRouter(token: AgentSandbox.token, logger: logger)
        return try await Application(router: router).test(.router, test)
    }

    /// One request; the right token unless told otherwise.
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String? = AgentSandbox.token,
        json: JSON? = nil, body: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        let text = json.map { $0.rendered() } ?? body
        if text != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: path, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) }) { response in
            Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
        }
    }

    @Test func healthAndStateOfANewAgent() async throws {
        let sandbox = try AgentSandbox()
        try await Self.withAgent(sandbox) { client in
            let health = try await Self.send(client, .get, AgentAPI.healthPath, token: nil)
            #expect(health.status == 200)
            #expect(health.json?["status"] == .string("ok"))
            #expect(health.json?["generation"] == .int(0))
            let reply = try await Self.send(client, .get, AgentAPI.statePath)
            #expect(reply.status == 200)
            let state = try AgentState(json: try #require(reply.json))
            #expect(state.machine == AgentSandbox.machine)
            #expect(state.generation == 0)
            #expect(state.current == nil)
        }
    }

    @Test func anApplyInstallsGenerationOneAndAStaleOneConflicts() async throws {
        let sandbox = try AgentSandbox()
        let backendFile = sandbox.backendFile
        try await Self.withAgent(sandbox) { client in
            let applied = try await Self.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
            #expect(applied.status == 200, "\(applied.text)")
            #expect(try AgentState(json: try #require(applied.json)).generation == 1)
            let before = FileManager.default.contents(atPath: backendFile)
            let stale = try await Self.send(
                client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0, configuration: Fixtures.configuration(text: "other")))
            #expect(stale.status == 409)
            #expect(stale.errorCode == "conflict")
            #expect(AgentErrorBody(json: try #require(stale.json))?.state?.generation == 1)
            #expect(FileManager.default.contents(atPath: backendFile) == before)
        }
        #expect(sandbox.markerLines().map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["apply 1"])
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
    }

    @Test func malformedAndUnknownFieldsAreBadRequests() async throws {
        let sandbox = try AgentSandbox()
        try await Self.withAgent(sandbox) { client in
            let broken = try await Self.send(client, .post, AgentAPI.applyPath, body: "{\"machine\": ")
            #expect(broken.status == 400)
            #expect(broken.errorCode == "malformed")
            guard case .object(var fields) = Fixtures.apply(expected: 0) else { Issue.record("not an object"); return }
            fields.append(("force", .bool(true)))
            let unknown = try await Self.send(client, .post, AgentAPI.applyPath, json: .object(fields))
            #expect(unknown.status == 400)
            #expect(unknown.json?["error"]?["message"]?.stringValue?.contains("unknown field 'force'") == true)
        }
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
    }

    @Test(arguments: [nil, "wrong-token", AgentSandbox.token + "x", ""])
    func aMissingOrWrongTokenIsUnauthorized(token: String?) async throws {
        let sandbox = try AgentSandbox()
        try await Self.withAgent(sandbox) { client in
            let state = try await Self.send(client, .get, AgentAPI.statePath, token: token)
            #expect(state.status == 401)
            #expect(state.errorCode == "unauthorized")
            #expect(state.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let apply = try await Self.send(client, .post, AgentAPI.applyPath, token: token, json: Fixtures.apply(expected: 0))
            #expect(apply.status == 401)
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.backendFile))
    }

    @Test func anAnnouncedBodyOverTheLimitIsTooLarge() async throws {
        let sandbox = try AgentSandbox(extraYAML: "max_body_bytes: 65536")
        try await Self.withAgent(sandbox) { client in
            let body = String(repeating: " ", count: 70_000) + Fixtures.apply(expected: 0).rendered()
            let reply = try await Self.send(client, .post, AgentAPI.applyPath, body: body)
            #expect(reply.status == 413)
            #expect(reply.errorCode == "too-large")
            #expect(try await Self.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
        }
    }

    @Test func aRollbackReinstallsAnEarlierGenerationAsANewOne() async throws {
        let sandbox = try AgentSandbox()
        try await Self.withAgent(sandbox) { client in
            #expect(try await Self.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
            let second = Fixtures.apply(expected: 1, configuration: Fixtures.configuration(text: "second"))
            #expect(try await Self.send(client, .post, AgentAPI.applyPath, json: second).status == 200)
            let rollback = try await Self.send(client, .post, AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 2, to: 1))
            #expect(rollback.status == 200, "\(rollback.text)")
            let state = try AgentState(json: try #require(rollback.json))
            #expect(state.generation == 3)
            #expect(state.current?.restoredFrom == 1)
            #expect(state.configuration == Fixtures.configuration())
            let stale = try await Self.send(client, .post, AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 2, to: 1))
            #expect(stale.status == 409)
            #expect(stale.errorCode == "conflict")
        }
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 3)
    }
}
