import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState

/// The `files` backend behind a real agent: restoring after a failed command, and rollbacks.
@Suite("Agent files backend", .serialized)
struct AgentBackendTests {
    /// What the backend file holds for a configuration: canonical JSON with the secrets' values.
    func rendered(_ configuration: JSON) -> Data {
        Data(FilesBackendSettings.fileText(
            configuration: configuration, secrets: ["env:LDAP_PASSWORD": Fixtures.ldapSecret], machine: AgentSandbox.machine).utf8)
    }

    @Test func aFailingHealthCommandRestoresThePreviousGeneration() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let first = Fixtures.configuration(text: "first")
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, configuration: first)).status == 200)
        sandbox.touch(sandbox.failHealthFlag)
        let reply = try agent.request(
            "POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 1, configuration: Fixtures.configuration(text: "second")))
        #expect(reply.status == 500)
        let json = try #require(reply.json)
        let body = try #require(AgentErrorBody(json: json))
        #expect(body.code == .healthFailed)
        #expect(body.message.contains("generation 1 restored"), "\(body.message)")
        #expect(body.outputTail?.contains("health: port 25 does not answer") == true)
        #expect(body.state?.generation == 1)

        // The file is generation 1's again, and the apply command ran on it once more.
        #expect(FileManager.default.contents(atPath: sandbox.backendFile) == rendered(first))
        let phases = sandbox.markerLines().map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(phases == ["apply 1", "apply 2", "restore 1"])
        let sums = sandbox.markerLines().map { $0.split(separator: " ").last.map(String.init) ?? "" }
        #expect(sums[2] == sums[0])
        #expect(sums[1] != sums[0])
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 1)
        #expect(agent.log.contains("outcome=health-failed"))
    }

    @Test func aFailingApplyCommandAtGenerationZeroLeavesNoGeneration() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        sandbox.touch(sandbox.failApplyFlag)
        let reply = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
        #expect(reply.status == 500)
        #expect(reply.errorCode == "apply-failed")
        #expect(reply.json?["error"]?["output_tail"]?.stringValue?.contains("the gateway refused") == true)
        #expect(reply.json?["state"]?["generation"] == .int(0))
        // Nothing was there before: the file is gone again.
        #expect(!FileManager.default.fileExists(atPath: sandbox.backendFile))
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
    }

    @Test func aRollbackMakesAnEarlierConfigurationCurrentAsANewGeneration() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let first = Fixtures.configuration(text: "first")
        let second = Fixtures.configuration(text: "second")
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 0, configuration: first)).status == 200)
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 1, configuration: second, commit: "4567def")).status == 200)

        let reply = try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 2, to: 1))
        #expect(reply.status == 200, "\(reply.text)")
        let state = try AgentState(json: try #require(reply.json))
        #expect(state.generation == 3)
        #expect(state.current?.restoredFrom == 1)
        #expect(state.current?.appliedCommit == "0123abc")
        #expect(state.configuration == first)
        #expect(state.history.map(\.generation) == [3, 2, 1])
        #expect(state.current?.configHash == state.history.last?.configHash)
        #expect(FileManager.default.contents(atPath: sandbox.backendFile) == rendered(first))
        #expect(sandbox.markerLines().map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["apply 1", "apply 2", "apply 3"])

        // Refusals: a stale expectation, the current generation, one that was never kept.
        #expect(try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 2, to: 1)).status == 409)
        #expect(try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 3, to: 3)).status == 400)
        let gone = try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 3, to: 0))
        #expect(gone.status == 400)
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 3)
    }

    @Test func aRollbackToAGenerationNoLongerKeptIsNotFound() async throws {
        let sandbox = try AgentSandbox(extraYAML: "")
        let agent = try await sandbox.start()
        // keep_generations is 5: after seven applies, generations 1 and 2 are gone.
        for number in 0..<7 {
            let reply = try agent.request(
                "POST", AgentAPI.applyPath, json: Fixtures.apply(expected: number, configuration: Fixtures.configuration(text: "v\(number)")))
            #expect(reply.status == 200)
        }
        let reply = try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 7, to: 2))
        #expect(reply.status == 404)
        #expect(reply.errorCode == "not-found")
        #expect(try agent.request("POST", AgentAPI.rollbackPath, json: Fixtures.rollback(expected: 7, to: 3)).status == 200)
    }
}
