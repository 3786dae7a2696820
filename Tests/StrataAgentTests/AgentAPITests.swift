import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState

/// The `/v1` API of a real `strata agent` process: reads, applies and every refusal.
@Suite("Agent API", .serialized)
struct AgentAPITests {
    @Test func aNewAgentIsAtGenerationZero() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let reply = try agent.request("GET", AgentAPI.statePath)
        #expect(reply.status == 200)
        let state = try AgentState(json: try #require(reply.json))
        #expect(state.machine == AgentSandbox.machine)
        #expect(state.version == "15.5.1")
        #expect(state.generation == 0)
        #expect(state.current == nil)
        #expect(state.configuration == nil)
        #expect(state.history.isEmpty)
        let health = try agent.request("GET", AgentAPI.healthPath, token: nil)
        #expect(health.status == 200)
        #expect(health.json?["status"] == .string("ok"))
    }

    @Test func anApplyInstallsTheConfigurationAndRecordsGenerationOne() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let reply = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
        #expect(reply.status == 200, "\(reply.text)")
        let applied = try AgentState(json: try #require(reply.json))
        #expect(applied.generation == 1)
        #expect(applied.current?.appliedCommit == "0123abc")
        #expect(applied.current?.appliedBy == "ops@laptop")

        // The backend file: the whole effective configuration (defaults filled in) with the secret's value, owner-only.
        let written = try #require(FileManager.default.contents(atPath: sandbox.backendFile))
        let file = try JSONParser.parse(Array(written))
        #expect(file.objectKeys?.first == "interfaces")
        #expect(file["mta"] != nil)
        #expect(file["listeners"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }?["max_connections"] == .int(50))
        #expect(file["ldap"]?["servers"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }?["bind_password"]
            == .string(Fixtures.ldapSecret))
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.backendFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(sandbox.markerLines().map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["apply 1"])

        // A state read: the configuration with references, the secret only as a digest.
        let stateReply = try agent.request("GET", AgentAPI.statePath)
        let state = try AgentState(json: try #require(stateReply.json))
        #expect(state.generation == 1)
        #expect(state.configuration == Fixtures.configuration())
        #expect(state.secretDigests == ["env:LDAP_PASSWORD": Digest.sha256(Fixtures.ldapSecret)])
        #expect(state.current?.configHash == StoredGeneration.configHash(
            configuration: Fixtures.configuration(), secretDigests: state.secretDigests))
        #expect(!stateReply.text.contains(Fixtures.ldapSecret))

        // Neither the token nor the secret reaches the log or the backend commands' environment.
        #expect(!agent.log.contains(AgentSandbox.token))
        #expect(!agent.log.contains(Fixtures.ldapSecret))
        #expect(!sandbox.markerLines().contains("token-visible"))
        #expect(agent.log.contains("outcome=success"))
    }

    @Test func aStaleExpectedGenerationIsAConflictAndChangesNothing() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
        let before = FileManager.default.contents(atPath: sandbox.backendFile)
        let reply = try agent.request(
            "POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, configuration: Fixtures.configuration(text: "other")))
        #expect(reply.status == 409)
        #expect(reply.errorCode == "conflict")
        #expect(AgentErrorBody(json: try #require(reply.json))?.state?.generation == 1)
        #expect(FileManager.default.contents(atPath: sandbox.backendFile) == before)
        #expect(sandbox.markerLines().count == 1)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
    }

    @Test func concurrentAppliesAgainstTheSameGenerationAreSerialised() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        // Three applies in flight at once, all made against generation 0: one wins, the others conflict.
        let sockets = try (0..<3).map { number in
            let socket = try RawHTTP.connect(port: agent.port)
            let body = Fixtures.apply(expected: 0, configuration: Fixtures.configuration(text: "writer \(number)"))
            try RawHTTP.write(socket, RawHTTP.request(
                method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: Array(body.rendered().utf8), headers: []))
            return socket
        }
        defer { for socket in sockets { close(socket) } }
        let statuses = try sockets.map { try RawHTTP.parse(RawHTTP.readAll($0)).status }
        #expect(statuses.sorted() == [200, 409, 409])
        #expect(sandbox.markerLines().count == 1)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
    }

    @Test(arguments: [nil, "wrong-token", AgentSandbox.token + "x", ""])
    func aMissingOrWrongTokenIsRefused(token: String?) async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let state = try agent.request("GET", AgentAPI.statePath, token: token)
        #expect(state.status == 401)
        #expect(state.errorCode == "unauthorized")
        #expect(state.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        let apply = try agent.request("POST", AgentAPI.applyPath, token: token, json: Fixtures.apply(expected: 0))
        #expect(apply.status == 401)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.backendFile))
    }

    @Test func aConfigurationForAnotherMachineIsMisdirected() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let reply = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, machine: "losangeles.example.com"))
        #expect(reply.status == 421)
        #expect(reply.errorCode == "wrong-machine")
        let rollback = try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 0, to: 1, machine: "losangeles.example.com"))
        #expect(rollback.status == 421)
        #expect(!FileManager.default.fileExists(atPath: sandbox.backendFile))
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        let sandbox = try AgentSandbox(extraYAML: "max_body_bytes: 65536")
        let agent = try await sandbox.start()
        // Announced: the agent answers from the headers, before any of the body is sent.
        let socket = try RawHTTP.connect(port: agent.port)
        defer { close(socket) }
        try RawHTTP.write(socket, RawHTTP.request(
            method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: nil, headers: [], contentLength: 100_000))
        let reply = try RawHTTP.parse(RawHTTP.readAll(socket))
        #expect(reply.status == 413)
        #expect(reply.errorCode == "too-large")
        // Within the limit the same agent still answers.
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
    }

    @Test func malformedJSONAndUnknownFieldsAreBadRequests() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let broken = try RawHTTP.send(
            port: agent.port, method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: Array("{\"machine\": ".utf8))
        #expect(broken.status == 400)
        #expect(broken.errorCode == "malformed")
        guard case .object(var fields) = Fixtures.apply(expected: 0) else { Issue.record("not an object"); return }
        fields.append(("force", .bool(true)))
        let unknown = try agent.request("POST", AgentAPI.applyPath, json: .object(fields))
        #expect(unknown.status == 400)
        #expect(unknown.json?["error"]?["message"]?.stringValue?.contains("unknown field 'force'") == true)
        let missingSecret = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, secrets: [:]))
        #expect(missingSecret.status == 400)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
    }

    @Test func aConfigurationFailingTheAgentsChecksIsUnprocessable() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let reply = try agent.request(
            "POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, configuration: Fixtures.configuration(footer: "missing_footer")))
        #expect(reply.status == 422, "\(reply.text)")
        #expect(reply.errorCode == "invalid-configuration")
        let diagnostics = reply.json?["error"]?["diagnostics"]
        #expect(diagnostics?["errors"] == .int(1))
        guard case .array(let items)? = diagnostics?["diagnostics"] else { Issue.record("no diagnostics: \(reply.text)"); return }
        #expect(items.contains { $0["code"] == .string("E301") && $0["severity"] == .string("error") })
        #expect(sandbox.markerLines().isEmpty)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
    }

    @Test func unknownRoutesAnswerNotFoundInTheAgentsShape() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let reply = try agent.request("GET", "/v2/state")
        #expect(reply.status == 404)
        #expect(reply.errorCode == "not-found")
    }

    @Test func metricsAreInThePrometheusTextFormat() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        _ = try agent.request("GET", AgentAPI.statePath, token: nil)
        _ = try agent.request("GET", "/v1/no-such-route", token: nil)
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
        let reply = try agent.request("GET", AgentAPI.metricsPath, token: nil)
        #expect(reply.status == 200)
        #expect(reply.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let lines = reply.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("# TYPE strata_agent_requests_total counter"))
        #expect(lines.contains(#"strata_agent_requests_total{route="/v1/state",method="GET",status="401"} 1"#))
        #expect(lines.contains(#"strata_agent_requests_total{route="/v1/apply",method="POST",status="200"} 1"#))
        // Unknown paths share one label, so they cannot multiply the series.
        #expect(lines.contains(#"strata_agent_requests_total{route="unmatched",method="GET",status="404"} 1"#))
        #expect(!reply.text.contains("NotFound"))
        #expect(lines.contains(#"strata_agent_applies_total{outcome="success"} 1"#))
        #expect(lines.contains("strata_agent_generation 1"))
        #expect(lines.contains(#"strata_agent_info{machine="newyork.example.com",version="15.5.1"} 1"#))
        // Every sample line is `name{labels} value` or `name value`.
        for line in lines where !line.hasPrefix("#") {
            #expect(line.range(of: #"^[a-z_]+(\{[^}]*\})? -?[0-9.e+-]+$"#, options: .regularExpression) != nil, "\(line)")
        }
    }
}
