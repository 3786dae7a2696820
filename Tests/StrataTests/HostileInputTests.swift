import Foundation
import Testing
import StrataModel
import StrataLoad

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
