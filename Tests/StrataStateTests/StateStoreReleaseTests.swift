import Foundation
import Testing
import StrataModel
import StrataState

@Suite("State store release")
struct StateStoreReleaseTests {
    func store() throws -> StateStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-release-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return try StateStore(directory: path + "/state")
    }

    func apply(_ store: StateStore, expected: Int) throws {
        let request = ApplyRequest(
            machine: "m1", expectedGeneration: expected, configuration: .object([("timezone", .string("UTC"))]), secrets: [:],
            commit: "c\(expected + 1)", appliedBy: "ops")
        _ = try store.advance(.apply(request), installer: RecordOnly())
    }

    @Test func theReleaseIsRecordedAtTheCurrentGenerationAndReadBackByANewStore() throws {
        let store = try store()
        try apply(store, expected: 0)
        let record = try store.release(ReleaseRequest(machine: "m1", cluster: "lab", expectedGeneration: 1, commit: "c9", releasedBy: "ops"))
        #expect(record.generation == 1)
        #expect(record.cluster == "lab")
        let reopened = try StateStore(directory: store.directory)
        let state = try reopened.state(machine: "m1", version: "1")
        #expect(state.generation == 1)
        #expect(state.release == record)
        #expect(try AgentState(json: state.json) == state)
        // Again: the first record is kept.
        #expect(try reopened.release(ReleaseRequest(machine: "m1", cluster: "lab", expectedGeneration: 1, commit: "x", releasedBy: "y")) == record)
    }

    @Test func aStaleReleaseConflictsAndANewGenerationSupersedesTheRelease() throws {
        let store = try store()
        try apply(store, expected: 0)
        #expect(throws: GenerationFailure<Never>.self) {
            try store.release(ReleaseRequest(machine: "m1", cluster: "lab", expectedGeneration: 0, commit: nil, releasedBy: nil))
        }
        #expect(try store.state(machine: "m1", version: "1").release == nil)
        _ = try store.release(ReleaseRequest(machine: "m1", cluster: "lab", expectedGeneration: 1, commit: nil, releasedBy: nil))
        try apply(store, expected: 1)
        #expect(try store.state(machine: "m1", version: "1").release == nil)
        #expect(try store.releaseRecord(at: 1) == nil)
    }

    @Test func aRecordOfAnEarlierGenerationIsNeverReported() throws {
        let store = try store()
        try apply(store, expected: 0)
        try apply(store, expected: 1)
        // As a crash between the commit and the clean-up would leave it.
        let stale = ReleaseRecord(cluster: "lab", commit: nil, at: "2026-12-01T00:00:00Z", by: nil, generation: 1)
        try Data(stale.json.rendered().utf8).write(to: URL(fileURLWithPath: store.directory + "/release.json"))
        #expect(try store.state(machine: "m1", version: "1").release == nil)
    }
}
