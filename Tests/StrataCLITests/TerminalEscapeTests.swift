import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// Control characters from the user's files never reach a terminal raw: they are shown as `\x1b`-style escapes.
@Suite("Terminal escapes")
struct TerminalEscapeTests {
    @Test func controlCharactersBecomeEscapes() {
        #expect(TerminalText.escape("ok\u{1B}]0;pwned\u{07}\nfake\r\tend\u{7F}") == #"ok\x1b]0;pwned\x07\nfake\r\tend\x7f"#)
        #expect(TerminalText.escape("bidi\u{202E}txt.exe\u{85}") == #"bidi\u{202e}txt.exe\u{85}"#)
        #expect(TerminalText.escape("plain text, a regex \\d+ and ünïcödé") == "plain text, a regex \\d+ and ünïcödé")
        #expect(TerminalText.escape("two\nlines\u{1B}[2J", allowing: .lineFeeds) == "two\nlines\\x1b[2J")
    }

    @Test func onlyTheColourSequencesOfOurOwnStylesPassWhenColoursAreAllowed() {
        let text = "\u{1B}[1;31merror:\u{1B}[0m value\u{1B}]0;title\u{07} \u{1B}[2J"
        #expect(TerminalText.escape(text, allowing: [.colours]) == "\u{1B}[1;31merror:\u{1B}[0m value\\x1b]0;title\\x07 \\x1b[2J")
    }

    @Test func validateEscapesHostileKeysInMessagesAndSourceLines() async throws {
        // A key spelled with YAML escapes (an OSC title sequence and a line break), and a raw ESC byte in a file.
        let repo = try TempRepo(minimalCluster(machines: [
            "m1.example.com": "group: main\nsettings:\n  \"evil\\e]0;pwned\\a\\nfake: row\": 1\n",
            "m2.example.com": "group: main\nsettings:\n  hostname: \"m2\u{1B}[2J\"\n",
        ]))
        let result = try await runStrata(["validate", "--repo", repo.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "\(result.stdout)")
        #expect(result.stdout.contains(#"evil\x1b]0;pwned\x07\nfake: row"#), "\(result.stdout)")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("fake") }, "no fake line")
    }

    @Test func aSourceLineShowsABidiOverrideEscapedWithTheCaretStillUnderItsCharacter() async throws {
        // Control characters proper are refused with the file (E006, no snippet); a right-to-left override is
        // legal YAML and would reorder what the terminal shows.
        let repo = try TempRepo(minimalCluster(machines: [
            "m1.example.com": "group: main\nsettings:\n  interfaces: [{name: \"a\u{202E}b\", address: 192.0.2.1/24, bogus: 1}]\n",
        ]))
        let result = try await runStrata(["validate", "--repo", repo.path])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\u{202E}"), "\(result.stdout)")
        #expect(result.stdout.contains(#"error[E103]: unknown field 'bogus' in 'interfaces[a\u{202e}b]'"#), "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let source = try #require(lines.firstIndex { $0.hasSuffix(#"interfaces: [{name: "a\u{202e}b", address: 192.0.2.1/24, bogus: 1}]"#) }, "\(result.stdout)")
        let caret = try #require(lines[source + 1].firstIndex(of: "^"))
        let bogus = try #require(lines[source].range(of: "bogus"))
        #expect(lines[source + 1].distance(from: lines[source + 1].startIndex, to: caret)
            == lines[source].distance(from: lines[source].startIndex, to: bogus.lowerBound), "\(result.stdout)")
    }

    @Test func aFileNameWithControlCharactersIsEscaped() async throws {
        let repo = try TempRepo(minimalCluster(machines: ["m1.example.com": "group: main\nsettings: {}\n"]))
        try repo.write("clusters/c1/machines/evil\u{1B}]0;pwned\u{07}.yaml", "group: main\nsettings: {}\n")
        let result = try await runStrata(["validate", "--repo", repo.path])
        let output = result.stdout + result.stderr
        #expect(!output.contains("\u{1B}") && !output.contains("\u{07}"), "\(output)")
        #expect(output.contains(#"evil\x1b]0;pwned\x07.yaml"#), "\(output)")
    }

    @Test func showEscapesHostileValues() async throws {
        let repo = try TempRepo(minimalCluster(
            cluster: "settings:\n  text_resources:\n    - {name: disclaimer, type: disclaimer, text: \"Scanned\\e]0;pwned\\a\\nfake\"}\n",
            machines: ["m1.example.com": "group: main\nsettings: {}\n"]))
        let result = try await runStrata(["show", "m1.example.com", "--repo", repo.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "\(result.stdout)")
        #expect(result.stdout.contains("Scanned\\e]0;pwned\\a\\nfake"), "\(result.stdout)")
    }

    @Test func anErrorMessageQuotingAPathIsEscaped() async throws {
        let result = try await runStrata(["validate", "--repo", "/nonexistent/evil\u{1B}]0;pwned\u{07}"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"), "\(result.stderr)")
        #expect(result.stderr.contains(#"evil\x1b]0;pwned\x07"#), "\(result.stderr)")
    }
}
