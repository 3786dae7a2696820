import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// JSON on standard output stays valid JSON when values hold characters a terminal must not see raw (C1
/// controls, line separators, bidirectional overrides): they are written as JSON's own `\uXXXX` escapes, so
/// the console's last line of defence finds nothing left to escape (its `\u{…}` form is not JSON).
@Suite("JSON output with terminal-unsafe characters")
struct JSONTerminalSafetyTests {
    static let hostile = "a\u{202E}b\u{85}c\u{2028}d\u{1B}e"

    @Test func theWriterEscapesThemAsJSON() throws {
        let rendered = JSON.string(Self.hostile).rendered()
        #expect(rendered == #""a\u202eb\u0085c\u2028d\u001be""#)
        #expect(try JSONParser.parse(rendered) == .string(Self.hostile))
    }

    @Test func showAndValidateJSONParse() async throws {
        let group = "settings:\n  text_resources:\n    - name: note\n      type: disclaimer\n      text: \"x\\u202Ey\\u0085z\"\n"
        let repo = try TempRepo(minimalCluster(group: group, machines: ["m1.example.com": "group: main\nsettings: {}\n"]))
        let show = try await runStrata(["show", "m1.example.com", "--repo", repo.path, "--format", "json"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains(#""text": "x\u202ey\u0085z""#), "\(show.stdout)")
        #expect(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) is [String: Any])
        let all = try await runStrata(["show", "--all", "--repo", repo.path, "--format", "json"])
        #expect(all.stdout.contains(#""text": "x\u202ey\u0085z""#), "\(all.stdout)")
        #expect(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) is [String: Any])
    }
}
