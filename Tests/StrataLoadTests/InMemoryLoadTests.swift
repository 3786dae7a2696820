import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataTestSupport
import StrataYAML
import StrataCatalogue

/// Loading and compiling from bytes in memory (what a fuzzing harness calls) agrees with the disk.
@Suite("In-memory load")
struct InMemoryLoadTests {
    static func compile(_ files: [String: [UInt8]], limits: YAMLLimits = .standard) throws -> CompilationResult {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: InMemorySource(files: files), limits: limits).load(diagnostics: &diagnostics)
        var result = Compiler.compile(declarations)
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }

    @Test func aRepositoryInMemoryGivesTheSameDiagnosticsAsOnDisk() throws {
        let files = minimalCluster(machines: [
            "m1.example.com": "group: main\nsettings:\n  hostname: m1.example.com\n",
            "m2.example.com": "group: nope\n",
        ])
        let inMemory = try Self.compile(files.mapValues { Array($0.utf8) })
        let onDisk = try TempRepo(files).compile()
        #expect(inMemory.diagnostics.triples == onDisk.diagnostics.triples)
        #expect(inMemory.diagnostics.triples.contains("clusters/c1/machines/m2.example.com.yaml:1 E203"))
        #expect(inMemory.clusters.map { $0.machines.count } == [2])
    }

    @Test func hostileBytesInMemoryAreRefusedByTheLimits() throws {
        var files = minimalCluster().mapValues { Array($0.utf8) }
        files["clusters/c1/machines/m1.example.com.yaml"] = Array(("s: &s " + String(repeating: "x", count: 1_000) + "\nl: [" +
            Array(repeating: "*s", count: 100).joined(separator: ", ") + "]\n").utf8)
        let result = try Self.compile(files, limits: YAMLLimits(maxExpandedBytes: 10_000))
        #expect(result.diagnostics.triples == ["clusters/c1/machines/m1.example.com.yaml:2 E015"])
    }
}
