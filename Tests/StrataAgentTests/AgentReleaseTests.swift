import Foundation
import Testing
import StrataModel
import StrataState
import StrataTestSupport

/// `POST /v1/release`: a machine removed from the repository is released, not wiped.
@Suite("Agent release")
struct AgentReleaseTests {
    typealias Routes = AgentRoutesInProcessTests

    static func release(expected: Int, machine: String = AgentSandbox.machine, cluster: String = "americas") -> JSON {
        ReleaseRequest(machine: machine, cluster: cluster, expectedGeneration: expected, commit: "4e5f6a7", releasedBy: "ops@laptop").json
    }

    @Test func aReleaseKeepsTheGenerationAndTheBackendAndIsRecordedOnce() async throws {
        let sandbox = try AgentSandbox()
        let backendFile = sandbox.backendFile
        let marker = sandbox.marker
        try await Routes.withAgent(sandbox) { client in
            let applied = try await Routes.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
            #expect(applied.status == 200, "\(applied.text)")
            let backend = FileManager.default.contents(atPath: backendFile)
            let markers = FileManager.default.contents(atPath: marker)

            let first = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: 1))
            #expect(first.status == 200, "\(first.text)")
            let state = try AgentState(json: try #require(first.json))
            #expect(state.generation == 1)
            #expect(state.current?.appliedCommit == "0123abc")
            let release = try #require(state.release)
            #expect(release.cluster == "americas")
            #expect(release.commit == "4e5f6a7")
            #expect(release.by == "ops@laptop")
            #expect(release.generation == 1)
            #expect(first.json?["release"]?.objectKeys == ["at", "by", "commit", "cluster", "generation"])
            // The backend was not touched: same file, no command run.
            #expect(FileManager.default.contents(atPath: backendFile) == backend)
            #expect(FileManager.default.contents(atPath: marker) == markers)

            // Idempotent: a second release answers 200 with the first record (its time and author kept).
            let second = try await Routes.send(
                client, .post, AgentAPI.releasePath,
                json: ReleaseRequest(machine: AgentSandbox.machine, cluster: "americas", expectedGeneration: 1, commit: "999", releasedBy: "other").json)
            #expect(second.status == 200, "\(second.text)")
            #expect(try AgentState(json: try #require(second.json)).release == release)
            let read = try await Routes.send(client, .get, AgentAPI.statePath)
            #expect(try AgentState(json: try #require(read.json)).release == release)
        }
    }

    @Test func refusalsChangeNothing() async throws {
        let sandbox = try AgentSandbox()
        let releaseFile = sandbox.stateDirectory + "/release.json"
        try await Routes.withAgent(sandbox) { client in
            #expect(try await Routes.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0)).status == 200)
            let noToken = try await Routes.send(client, .post, AgentAPI.releasePath, token: nil, json: Self.release(expected: 1))
            #expect(noToken.status == 401)
            #expect(noToken.errorCode == "unauthorized")
            let wrongToken = try await Routes.send(client, .post, AgentAPI.releasePath, token: "nope", json: Self.release(expected: 1))
            #expect(wrongToken.status == 401)

            guard case .object(var fields) = Self.release(expected: 1) else { Issue.record("not an object"); return }
            fields.append(("wipe", .bool(true)))
            let unknown = try await Routes.send(client, .post, AgentAPI.releasePath, json: .object(fields))
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "malformed")
            #expect(unknown.json?["error"]?["message"]?.stringValue?.contains("wipe") == true, "\(unknown.text)")

            let wrongMachine = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: 1, machine: "losangeles.example.com"))
            #expect(wrongMachine.status == 421)
            #expect(wrongMachine.errorCode == "wrong-machine")

            let badCluster = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: 1, cluster: "../x"))
            #expect(badCluster.status == 400)
            #expect(badCluster.errorCode == "malformed")

            let negative = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: -1))
            #expect(negative.status == 400)

            let stale = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: 0))
            #expect(stale.status == 409)
            #expect(stale.errorCode == "conflict")
            #expect(stale.json?["state"]?["generation"] == .int(1))

            let notJSON = try await Routes.send(client, .post, AgentAPI.releasePath, body: "{")
            #expect(notJSON.status == 400)

            let read = try await Routes.send(client, .get, AgentAPI.statePath)
            #expect(read.json?["release"] == nil, "\(read.text)")
            #expect(!FileManager.default.fileExists(atPath: releaseFile))
        }
    }

    @Test func aReleaseSurvivesARestartAndALaterApplyClearsIt() async throws {
        let sandbox = try AgentSandbox()
        try await Routes.withAgent(sandbox) { client in
            let applied = try await Routes.send(client, .post, AgentAPI.applyPath, json: Fixtures.apply(expected: 0))
            #expect(applied.status == 200)
            let released = try await Routes.send(client, .post, AgentAPI.releasePath, json: Self.release(expected: 1))
            #expect(released.status == 200)
        }
        // A real agent process on the same state directory: the release was recorded durably.
        let agent = try await sandbox.start()
        let state = try AgentState(json: try #require(try agent.request("GET", AgentAPI.statePath).json))
        #expect(state.generation == 1)
        #expect(state.release?.cluster == "americas")
        #expect(state.release?.generation == 1)

        // The machine re-joins: the next apply is generation 2 and the release no longer holds.
        let applied = try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: 1, configuration: Fixtures.configuration(text: "back")))
        #expect(applied.status == 200, "\(applied.text)")
        #expect(applied.json?["generation"] == .int(2))
        #expect(applied.json?["release"] == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.stateDirectory + "/release.json"))
        let (status, _) = await agent.terminate()
        #expect(status == 0)
    }
}
