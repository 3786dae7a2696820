import Foundation
import Testing

/// The doc-test runner itself: a mismatch, a wrong status, a malformed header or a skip without a reason must fail.
@Suite("Doc-test runner")
struct DocRunnerTests {
    @Test("placeholders match what varies and nothing else")
    func placeholders() {
        #expect(OutputPattern.matches(expected: ["a", "...", "z"], actual: ["a", "b", "c", "z"]))
        #expect(OutputPattern.matches(expected: ["a", "  ...", "z"], actual: ["a", "z"]))
        #expect(!OutputPattern.matches(expected: ["a", "...", "z"], actual: ["a", "b"]))
        #expect(OutputPattern.matches(expected: ["committed [HASH]: x"], actual: ["committed 2a8d177: x"]))
        #expect(!OutputPattern.matches(expected: ["committed [HASH]: x"], actual: ["committed 2a8: x"]))
        #expect(OutputPattern.matches(expected: ["at [TIME] by [..]"], actual: ["at 2026-12-01T15:37:41Z by root@vm"]))
        #expect(!OutputPattern.matches(expected: ["at [TIME] by [..]"], actual: ["at yesterday by root@vm"]))
        #expect(OutputPattern.matches(expected: ["took [DURATION], [NUM] items"], actual: ["took 0.4s, 12 items"]))
        #expect(!OutputPattern.matches(expected: ["valid: 1 cluster"], actual: ["valid: 1 cluster "]))
        #expect(OutputPattern.matches(expected: ["a.b(c)*"], actual: ["a.b(c)*"]))
        #expect(!OutputPattern.matches(expected: ["a.b"], actual: ["axb"]))
    }

    @Test("re-recording keeps the lines whose placeholders still match")
    func rerecordKeepsPlaceholders() {
        let expected = ["HEAD ([HASH]) → working tree", "old line"]
        #expect(OutputPattern.rerecord(expected: expected, actual: ["HEAD (fed5f72) → working tree", "new line"])
            == ["HEAD ([HASH]) → working tree", "new line"])
        #expect(OutputPattern.rerecord(expected: ["a", "...", "z"], actual: ["a", "y"]) == ["a", "y"])
    }

    @Test("a header with setup lines, a skip with its reason, the standard example")
    func headers() throws {
        let page = """
            <!-- doctest: repo=examples/broken/no-listeners cwd=x status=1,2 env=A=b=c
            echo one
            -->
            ```console
            $ first
            out

            $ second
            ```
            <!-- doctest: skip reason="needs a real gateway" -->
            ```console
            $ strata agent --config /etc/strata/agent.yaml
            ```
            ```console
            $ strata validate
            ```
            """
        let blocks = try DocParser.blocks(page: "p.md", text: page)
        #expect(blocks.count == 3)
        let first = try #require(blocks.first)
        #expect(first.header.copies == ["examples/broken/no-listeners"])
        #expect(first.header.directory == "x")
        #expect(first.header.environment == ["A": "b=c"])
        #expect(first.header.setup == ["echo one"])
        #expect(first.header.expectedStatus(of: 0) == 1 && first.header.expectedStatus(of: 1) == 2)
        #expect(first.commands.map(\.line) == [5, 8])
        #expect(first.commands[0].expected == ["out"] && first.commands[0].blankLinesAfter == 1)
        #expect(blocks[1].header.skipReason == "needs a real gateway")
        #expect(blocks[2].header == .standard)
    }

    @Test(
        "malformed headers and blocks are errors, never silent skips",
        arguments: [
            "<!-- doctest: skip -->\n```console\n$ x\n```",
            "<!-- doctest: reason=\"forgot the skip\" -->\n```console\n$ x\n```",
            "<!-- doctest: skip reason=\"\" -->\n```console\n$ x\n```",
            "<!-- doctest: repo=a colour=red -->\n```console\n$ x\n```",
            "<!-- doctest: status=1,x -->\n```console\n$ x\n```",
            "<!-- doctest: reason=\"unbalanced -->\n```console\n$ x\n```",
            "```console\nno command here\n```",
            "```console\n$ x\n",
        ])
    func malformed(page: String) {
        #expect(throws: DocTestError.self) { try DocParser.blocks(page: "p.md", text: page) }
    }

    @Test("a different output or exit status fails, naming page:line; re-recording writes the output")
    func mismatchAndRecord() async throws {
        let text = "# t\n\n<!-- doctest: repo=none -->\n```console\n$ echo hi\nho\n$ false\n```\nafter\n"
        let block = try #require(try DocParser.blocks(page: "p.md", text: text).first)
        let verdict = await ManualConsoleBlockTests.verdict(block)
        #expect(verdict.failures.count == 2)
        #expect(verdict.failures.first?.hasPrefix("p.md:5: `echo hi` printed:\nhi\n") == true)
        #expect(verdict.failures.last == "p.md:7: `false` exited 1, the page says 0")

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-docrecord-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(text.utf8).write(to: root.appendingPathComponent("p.md"))
        try DocRecorder.write([try #require(verdict.recorded)], page: "p.md", root: root)
        let recorded = try String(contentsOf: root.appendingPathComponent("p.md"), encoding: .utf8)
        #expect(recorded == "# t\n\n<!-- doctest: repo=none -->\n```console\n$ echo hi\nhi\n$ false\n```\nafter\n")
    }

    @Test("lines of a block share one shell; the scratch directory prints as [TMP]")
    func sharedShell() async throws {
        let header = try DocHeader.parse(words: "repo=none env=GREETING=hello", setup: ["mkdir sub"])
        let outcomes = try await BlockRunner(header: header, commands: ["cd sub && export X=1", "echo $GREETING $X; pwd"]).run()
        #expect(outcomes.map(\.status) == [0, 0])
        #expect(outcomes.last?.lines == ["hello 1", "[TMP]/sub"])
    }
}
