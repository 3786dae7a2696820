import Foundation
import Testing
import StrataModel
import StrataPlan
import StrataApply
import StrataTestSupport

/// The embedded store's release has the agent's semantics.
@Suite("Embedded release")
struct EmbeddedReleaseTests {
    static func request(machine: String = "m1", expected: Int) -> ReleaseRequest {
        ReleaseRequest(machine: machine, cluster: "lab", expectedGeneration: expected, commit: "c2", releasedBy: "ops@host")
    }

    @Test func releaseConflictWrongMachineAndNothingToRelease() async throws {
        let repo = try ConfigRepo()
        let agent = EmbeddedAgent(directory: repo.path + "/state/m1", machine: MachineName("m1"), version: "embedded")
        await #expect(throws: AgentCallError.self) { try await agent.release(Self.request(expected: 0)) }
        do {
            _ = try await agent.release(Self.request(expected: 0))
        } catch {
            #expect(error.code == .notFound)
        }
        _ = try await agent.apply(ApplyRequest(
            machine: "m1", expectedGeneration: 0, configuration: .object([("timezone", .string("UTC"))]), secrets: [:], commit: "c1",
            appliedBy: "ops@host"))
        do {
            _ = try await agent.release(Self.request(machine: "m2", expected: 1))
            Issue.record("a release for another machine was taken")
        } catch {
            #expect(error.code == .wrongMachine)
        }
        do {
            _ = try await agent.release(Self.request(expected: 0))
            Issue.record("a stale release was taken")
        } catch {
            #expect(error.code == .conflict)
            #expect(error.state?.generation == 1)
            #expect(error.state?.release == nil)
        }
        let released = try await agent.release(Self.request(expected: 1))
        #expect(released.generation == 1)
        #expect(released.release?.commit == "c2")
        #expect(try await agent.release(Self.request(expected: 1)).release == released.release)
    }

    @Test func anOlderControllerIgnoresWhatItDoesNotKnowInsideTheRelease() throws {
        let json = try JSONParser.parse("""
            {"machine": "m1", "version": "1", "generation": 1, "current": null, "configuration": null, "secret_digests": {},
             "history": [], "release": {"at": "2026-12-01T22:00:00Z", "by": null, "commit": null, "cluster": "lab",
             "generation": 1, "reason": "decommissioned"}, "something_newer": true}
            """)
        let state = try AgentState(json: json)
        #expect(state.release == ReleaseRecord(cluster: "lab", commit: nil, at: "2026-12-01T22:00:00Z", by: nil, generation: 1))
    }
}
