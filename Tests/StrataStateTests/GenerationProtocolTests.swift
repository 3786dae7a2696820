import Foundation
import Testing
import StrataModel
import StrataState

/// The expected-generation protocol the agent and the embedded store share (`StateStore.advance`).
@Suite("Generation protocol")
struct GenerationProtocolTests {
    struct Refused: Error, Equatable {}

    /// Records what it was asked to do; refuses or not as told.
    final class Recorder: GenerationInstaller, @unchecked Sendable {
        var refuse = false
        var installed: [Int] = []
        var undone: [Int] = []

        func install(_ generation: StoredGeneration, previous: StoredGeneration?) throws(Refused) -> String {
            guard !refuse else { throw Refused() }
            installed.append(generation.summary.generation)
            return "installed \(generation.summary.generation)"
        }

        func undo(installing generation: StoredGeneration, previous: StoredGeneration?) -> String {
            undone.append(generation.summary.generation)
            return "generation \(previous?.summary.generation ?? 0) restored"
        }
    }

    func store() throws -> StateStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-protocol-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return try StateStore(directory: path + "/state")
    }

    func apply(_ port: Int, expected: Int) -> GenerationChange {
        .apply(ApplyRequest(
            machine: "m1", expectedGeneration: expected, configuration: .object([("port", .int(port))]), secrets: ["env:S": "v\(port)"],
            commit: "c\(port)", appliedBy: "ops"))
    }

    @Test func anApplyAtTheExpectedGenerationIsInstalledThenRecorded() throws {
        let store = try store()
        let recorder = Recorder()
        let (first, report) = try store.advance(apply(25, expected: 0), installer: recorder)
        #expect(report == "installed 1")
        #expect(first.summary.generation == 1 && first.summary.appliedCommit == "c25" && first.secrets == ["env:S": "v25"])
        #expect(try store.current() == first)
        #expect(recorder.installed == [1] && recorder.undone.isEmpty)
    }

    @Test func aStaleExpectationChangesNothingAndInstallsNothing() throws {
        let store = try store()
        let recorder = Recorder()
        _ = try store.advance(apply(25, expected: 0), installer: recorder)
        #expect(throws: GenerationFailure<Refused>.self) { try store.advance(apply(26, expected: 0), installer: recorder) }
        do {
            _ = try store.advance(apply(26, expected: 0), installer: recorder)
        } catch {
            guard case .conflict(let current) = error else { Issue.record("\(error)"); return }
            #expect(current == 1)
        }
        #expect(try store.currentNumber() == 1)
        #expect(recorder.installed == [1])
    }

    @Test func aRefusedInstallIsNeverRecorded() throws {
        let store = try store()
        let recorder = Recorder()
        recorder.refuse = true
        do {
            _ = try store.advance(apply(25, expected: 0), installer: recorder)
            Issue.record("the refused generation was recorded")
        } catch {
            guard case .install(let refusal) = error else { Issue.record("\(error)"); return }
            #expect(refusal == Refused())
        }
        #expect(try store.currentNumber() == 0)
    }

    @Test func aRollbackRestoresAKeptGenerationAsANewOne() throws {
        let store = try store()
        _ = try store.advance(apply(25, expected: 0), installer: RecordOnly())
        _ = try store.advance(apply(26, expected: 1), installer: RecordOnly())
        let rollback = RollbackRequest(machine: "m1", expectedGeneration: 2, toGeneration: 1, appliedBy: "ops")
        let (restored, _) = try store.advance(.rollback(rollback), installer: RecordOnly())
        #expect(restored.summary.generation == 3 && restored.summary.restoredFrom == 1)
        #expect(restored.configuration == .object([("port", .int(25))]) && restored.secrets == ["env:S": "v25"])

        let notEarlier = RollbackRequest(machine: "m1", expectedGeneration: 3, toGeneration: 3, appliedBy: nil)
        do {
            _ = try store.advance(.rollback(notEarlier), installer: RecordOnly())
            Issue.record("a rollback to the current generation was made")
        } catch {
            guard case .notEarlier(let current) = error else { Issue.record("\(error)"); return }
            #expect(current == 3)
        }
        #expect(try store.currentNumber() == 3)
    }
}
