import Foundation
import Testing
import StrataModel
import StrataState

@Suite("State store")
struct StateStoreTests {
    func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path + "/state"
    }

    func generation(_ number: Int, port: Int, secret: String = "s3cret") -> StoredGeneration {
        let configuration = JSON.object([("listeners", .array([.object([("name", .string("In")), ("port", .int(port))])]))])
        let secrets = ["env:LDAP": secret]
        let hash = StoredGeneration.configHash(configuration: configuration, secretDigests: secrets.mapValues(Digest.sha256))
        return StoredGeneration(
            summary: GenerationSummary(generation: number, configHash: hash, appliedCommit: "c\(number)", appliedAt: "2026-11-21T20:00:0\(number % 10)Z", appliedBy: "ops@host"),
            configuration: configuration, secrets: secrets)
    }

    @Test func anEmptyStoreIsAtGenerationZero() throws {
        let store = try StateStore(directory: try temporaryDirectory())
        #expect(try store.currentNumber() == 0)
        #expect(try store.current() == nil)
        let state = try store.state(machine: "m1", version: "15.5.1")
        #expect(state.generation == 0)
        #expect(state.configuration == nil)
    }

    @Test func committedGenerationsReadBackWholeAndNewestFirst() throws {
        let store = try StateStore(directory: try temporaryDirectory(), keep: 3)
        for number in 1...5 { try store.commit(generation(number, port: 2500 + number)) }
        #expect(try store.current() == generation(5, port: 2505))
        #expect(try store.history().map(\.generation) == [5, 4, 3])
        #expect(try store.load(2) == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory + "/generations").sorted()
        #expect(files == ["3.json", "3.secrets.json", "4.json", "4.secrets.json", "5.json", "5.secrets.json"])
    }

    @Test func stateReadsShowDigestsNeverSecretValues() throws {
        let store = try StateStore(directory: try temporaryDirectory())
        try store.commit(generation(1, port: 25, secret: "correct horse"))
        let state = try store.state(machine: "m1", version: "15.5.1")
        let rendered = state.json.rendered()
        #expect(!rendered.contains("correct horse"))
        #expect(state.secretDigests == ["env:LDAP": Digest.sha256("correct horse")])
        #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let attributes = try FileManager.default.attributesOfItem(atPath: store.directory + "/generations/1.secrets.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try AgentState(json: JSONParser.parse(rendered)) == state)
    }

    @Test func aGenerationLeftAboveCurrentByACrashIsIgnoredAndPruned() throws {
        let store = try StateStore(directory: try temporaryDirectory())
        try store.commit(generation(1, port: 25))
        // A crash after writing generation 2's file but before switching `current`.
        let orphan = JSON.object([("summary", generation(2, port: 26).summary.json), ("configuration", .object([]))])
        try Data(orphan.rendered().utf8).write(to: URL(fileURLWithPath: store.directory + "/generations/2.json"))
        #expect(try store.current()?.summary.generation == 1)
        try store.commit(generation(2, port: 27))
        #expect(try store.current() == generation(2, port: 27))
    }

    @Test func aDamagedCurrentPointerIsReported() throws {
        let store = try StateStore(directory: try temporaryDirectory())
        try Data("banana\n".utf8).write(to: URL(fileURLWithPath: store.directory + "/current"))
        #expect(throws: StateStoreError.self) { try store.current() }
    }
}
