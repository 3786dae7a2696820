import Foundation
import Testing
import StrataModel
import StrataState
import StrataTestSupport

/// The human text of plan, apply, status, check and diff, from real runs of `strata` on a git copy of
/// examples/americas with the embedded agent, compared with Tests/StrataApplyTests/Golden/*.txt.
/// `STRATA_RECORD=1` re-records the files. Commit ids are stable (fixed dates and identity); the
/// repository path, times and the host name are replaced by placeholders.
@Suite("Golden command output", .serialized)
struct CommandGoldenTests {
    static let environment = ["AMERICAS_LDAP_PASSWORD": "americas-ldap-Qm9v-7731", "USER": "ops"]
    static let goldenRoot = TestPaths.packageRoot.appendingPathComponent("Tests/StrataApplyTests/Golden")

    /// `strata` in the fixture, with the Americas secret.
    static func run(_ fixture: GitFixture, _ arguments: [String]) async throws -> CommandResult {
        try await fixture.strata(arguments + ["--repo", fixture.path], extraEnvironment: environment)
    }

    /// Standard output with the run's variable parts replaced: the repository path, UTC times, `user@host`.
    static func normalised(_ text: String, _ fixture: GitFixture) -> String {
        var text = text.replacingOccurrences(of: fixture.path, with: "<repo>")
        text = text.replacingOccurrences(
            of: #"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?Z?"#, with: "<time>", options: .regularExpression)
        return text.replacingOccurrences(of: #"ops@[^ \n)]+"#, with: "ops@<host>", options: .regularExpression)
    }

    /// Compares `text` with Golden/<name>.txt, or writes it there when recording.
    static func check(_ name: String, _ result: CommandResult, status: Int32, _ fixture: GitFixture) throws {
        #expect(result.status == status, "\(name): \(result)")
        let text = normalised(result.stdout, fixture)
        let url = goldenRoot.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: goldenRoot, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from \(url.path) (STRATA_RECORD=1 re-records)")
    }

    @Test func planApplyStatusCheckAndDiffText() async throws {
        let fixture = try GitFixture(copying: "americas")
        try fixture.write(".gitignore", ".strata/\n")
        try fixture.commitAll("americas")
        try Self.check("plan", try await Self.run(fixture, ["plan"]), status: 0, fixture)
        try Self.check("apply", try await Self.run(fixture, ["apply", "--yes"]), status: 0, fixture)
        try Self.check("status", try await Self.run(fixture, ["status"]), status: 0, fixture)

        // Someone edits newyork's live timezone by hand: drift for that machine and feature.
        let store = try StateStore(directory: fixture.path + "/.strata/state/americas/newyork.example.com")
        try OutOfBand.change(store, by: "admin@newyork") { OutOfBand.replacing($0, feature: "timezone", with: .string("UTC")) }
        try Self.check("check", try await Self.run(fixture, ["check"]), status: 2, fixture)

        try fixture.replace("clusters/americas/cluster.yaml", "timeout: 5s", with: "timeout: 10s")
        try fixture.commitAll("longer DNS timeout")
        try Self.check("diff", try await Self.run(fixture, ["diff", "HEAD~1", "HEAD"]), status: 0, fixture)
    }
}
