import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataTestSupport
import StrataYAML
import StrataCatalogue

/// Hostile input produces an error, never a crash or a hang (bounded by the limits, not by test timing).
@Suite("Hostile input")
struct HostileInputTests {
    @Test func billionLaughsIsRefused() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let (node, diagnostics) = parseYAML(text)
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.aliasExpansion])
    }

    @Test func aliasExpansionLimitIsConfigurable() {
        let (_, diagnostics) = parseYAML("a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]\n", limits: YAMLLimits(maxExpandedNodes: 10))
        #expect(diagnostics.all.map(\.code) == [.aliasExpansion])
    }

    @Test func anAnchoredScalarUsedAsAKeyManyTimesIsRefusedByBytes() {
        // The attack: one large anchored scalar used as a key thousands of times (few nodes, many bytes).
        let text = "s: &s " + String(repeating: "x", count: 10_000) + "\nm:\n" + String(repeating: "  ? *s\n  : 1\n", count: 2_000)
        let (node, diagnostics) = parseYAML(text, limits: YAMLLimits(maxExpandedBytes: 1 << 20))
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.expandedBytes])
        #expect(diagnostics.all.first?.message == "the document's keys and values add up to more than 1048576 bytes once aliases are followed")
    }

    @Test func theByteLimitStopsAtTheAliasThatCrossesIt() {
        // `s`, its 100-byte value and `l` count 102 bytes; each `- *s` adds 100: the 9th alias (line 11) crosses 1,000.
        let text = "s: &s " + String(repeating: "y", count: 100) + "\nl:\n" + String(repeating: "- *s\n", count: 50)
        let (_, diagnostics) = parseYAML(text, limits: YAMLLimits(maxExpandedBytes: 1_000))
        #expect(diagnostics.all.map(\.code) == [.expandedBytes])
        #expect(diagnostics.all.first?.location.line == 11)
    }

    @Test func mergeKeysCountTheBytesTheyBringIn() {
        let base = "b: &b {k1: \(String(repeating: "z", count: 1_000)), k2: \(String(repeating: "z", count: 1_000))}\n"
        let text = base + (0..<100).map { "m\($0): {<<: *b}\n" }.joined()
        let (node, diagnostics) = parseYAML(text, limits: YAMLLimits(maxExpandedBytes: 50_000))
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.expandedBytes])
        #expect(diagnostics.all.first?.location.line == 25)
    }

    @Test func theDefaultByteLimitRefusesAValidFileThatExpandsTo300Megabytes() {
        // The issue's case: a 1 MiB text used 300 times, each alias a valid value; refused at the 63rd (line 65).
        let text = "s: &s " + String(repeating: "x", count: 1 << 20) + "\nl:\n" + String(repeating: "- text: *s\n", count: 300)
        let (node, diagnostics) = parseYAML(text)
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.expandedBytes])
        #expect(diagnostics.all.first?.message.contains("more than 67108864 bytes") == true)
        #expect(diagnostics.all.first?.location.line == 65)
    }

    @Test func theByteLimitComesFromOneEnvironmentVariable() {
        #expect(YAMLLimits.expandedBytesVariable == "STRATA_YAML_MAX_EXPANDED_BYTES")
        #expect(YAMLLimits.applying(expandedBytesSetting: nil).limits == YAMLLimits())
        #expect(YAMLLimits.applying(expandedBytesSetting: nil).limits.maxExpandedBytes == 64 << 20)
        #expect(YAMLLimits.applying(expandedBytesSetting: "4096").limits.maxExpandedBytes == 4096)
        let bad = YAMLLimits.applying(expandedBytesSetting: "64M")
        #expect(bad.limits == YAMLLimits())
        #expect(bad.problem == "STRATA_YAML_MAX_EXPANDED_BYTES must be a positive number of bytes, not '64M'; using 67108864")
    }

    @Test func theCommandLineHonoursTheByteLimitVariable() async throws {
        let machine = "group: main\nsettings:\n  hostname: &h mx1.example.com\n  dns: {servers: [*h, *h, *h]}\n"
        let repo = try TempRepo(minimalCluster(machines: ["m1.example.com": machine]))
        let run = try await runStrata(["validate", "--repo", repo.path, "--format", "json"], environment: ["STRATA_YAML_MAX_EXPANDED_BYTES": "60"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let found = (object["diagnostics"] as? [[String: Any]] ?? []).map { "\($0["code"] ?? "?") \($0["message"] ?? "?")" }
        #expect(found == [
            "E015 the document's keys and values add up to more than 60 bytes once aliases are followed",
        ], "stdout: \(run.stdout)")
    }

    @Test func aDocumentWithTooManyNodesSaysSoWithoutBlamingAliases() {
        let text = "[" + Array(repeating: "a", count: 2_000).joined(separator: ",") + "]\n"
        let (node, diagnostics) = parseYAML(text, limits: YAMLLimits(maxNodes: 1_000))
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.tooManyNodes])
        let message = diagnostics.all.first?.message ?? ""
        #expect(message == "the document has more than 1000 nodes (scalars, lists and mappings as written)")
        #expect(!message.contains("alias"))
    }

    @Test func aliasesThatExpandPastTheNodeLimitAreStillE005() {
        let text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [" + Array(repeating: "*a", count: 20).joined(separator: ", ") + "]\n"
        let (_, diagnostics) = parseYAML(text, limits: YAMLLimits(maxNodes: 100, maxExpandedNodes: 100))
        #expect(diagnostics.all.map(\.code) == [.aliasExpansion])
    }

    @Test(arguments: ["block", "flow"])
    func deepNestingIsRefused(style: String) {
        // 10,000 levels; block style at 2,000 levels stays under the file size limit (indentation grows quadratically).
        let depth = style == "flow" ? 10_000 : 2_000
        let text: String
        if style == "flow" {
            text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        } else {
            text = (0..<depth).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        }
        let (node, diagnostics) = parseYAML(text)
        #expect(node == nil)
        #expect(diagnostics.all.map(\.code) == [.nestingTooDeep])
        #expect(diagnostics.all.first?.location.line == (style == "flow" ? 1 : 65))
    }

    @Test func aHugeScalarFileIsRefusedBeforeParsing() throws {
        let repo = try TempRepo(minimalCluster(machines: ["m1.example.com": "group: main\n"]))
        let huge = "group: main\nsettings:\n  hostname: " + String(repeating: "x", count: 50 << 20) + "\n"
        try repo.write("clusters/c1/machines/m1.example.com.yaml", huge)
        let result = try repo.compile()
        #expect(result.diagnostics.triples.contains("clusters/c1/machines/m1.example.com.yaml:1 E003"))
        #expect(result.diagnostics.all.first { $0.code == .fileTooLarge }?.message == "file is \(huge.utf8.count) bytes, over the limit of 33554432 bytes")
    }

    @Test func binaryGarbageIsAnEncodingError() throws {
        var generator = SeededGenerator(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var diagnostics = Diagnostics()
        let node = YAMLParser.parse(bytes, file: "garbage.yaml", diagnostics: &diagnostics)
        #expect(node == nil)
        #expect(diagnostics.all.count == 1)
        #expect([DiagnosticCode.invalidEncoding, .yamlSyntax].contains(diagnostics.all[0].code))
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("a: ok\nb: caf".utf8)
        bytes += [0xC3, 0x28, 0x0A]
        var diagnostics = Diagnostics()
        _ = YAMLParser.parse(bytes, file: "bad.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.all.map(\.code) == [.invalidEncoding])
        #expect(diagnostics.all.first?.location.line == 2)
    }

    @Test func nulBytesAreRefused() {
        var diagnostics = Diagnostics()
        _ = YAMLParser.parse(Array("a: b\u{0}c\n".utf8), file: "nul.yaml", diagnostics: &diagnostics)
        #expect(diagnostics.all.map(\.code) == [.invalidEncoding])
    }

    @Test func hostileFilesInARepositoryAreAllReportedInOneRun() throws {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let repo = try TempRepo(minimalCluster(machines: [
            "m1.example.com": bomb,
            "m2.example.com": String(repeating: "[", count: 5_000),
        ]))
        try repo.write("clusters/c1/machines/m3.example.com.yaml", bytes: [0xFF, 0xFE, 0x00, 0x41])
        let result = try repo.compile()
        #expect(result.diagnostics.triples == [
            "clusters/c1/machines/m1.example.com.yaml:7 E005",
            "clusters/c1/machines/m2.example.com.yaml:1 E004",
            "clusters/c1/machines/m3.example.com.yaml:1 E006",
        ])
    }
}

/// A small deterministic generator so garbage input is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
