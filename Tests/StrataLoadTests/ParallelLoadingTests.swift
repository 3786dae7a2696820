import Foundation
import Testing
import StrataBench
import StrataCompile
import StrataLoad
import StrataModel
import StrataTestSupport

/// Loading parses files on every core; the findings must be exactly those of sequential loading, in the same
/// order, and the declarations the same (compared through everything the compiler makes of them).
@Suite("Parallel loading")
struct ParallelLoadingTests {
    struct Outcome: Equatable {
        let diagnostics: [Diagnostic]
        let machines: [EffectiveConfiguration]
    }

    static func load(_ root: String, parallel: Bool) throws -> Outcome {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: root), parallel: parallel)
            .load(diagnostics: &diagnostics)
        let result = Compiler.compile(declarations)
        diagnostics.append(contentsOf: result.diagnostics)
        return Outcome(diagnostics: diagnostics.all, machines: result.clusters.flatMap(\.effective))
    }

    static let brokenCases: [String] = {
        let root = TestPaths.example("broken").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func everyBrokenExampleGivesTheSameFindingsInTheSameOrder() throws {
        #expect(Self.brokenCases.count > 40)
        var findings = 0
        for name in Self.brokenCases {
            let root = TestPaths.example("broken/\(name)").path
            let sequential = try Self.load(root, parallel: false)
            let parallel = try Self.load(root, parallel: true)
            #expect(parallel == sequential, "examples/broken/\(name)")
            findings += sequential.diagnostics.count
        }
        #expect(findings > 80)
    }

    /// A generated fleet with broken files among good ones, so file findings interleave with the walk's.
    @Test func aGeneratedFleetWithMistakesGivesTheSameFindingsInTheSameOrder() throws {
        let shape = FleetShape(clusters: 3, groups: 3, machines: 12, smtpRoutes: 20, hatRows: 5, unsubscribe: 4, users: 2)
        let generator = FleetGenerator(shape: shape)
        let repo = try TempRepo()
        for file in generator.strataFiles() { try repo.write(file.path, file.text) }
        try repo.write("clusters/c001/machines/broken.example.net.yaml", "group: g1\nsettings: [unclosed\n")
        try repo.write("clusters/c001/machines/notes.txt", "not configuration\n")
        try repo.write("clusters/c002/groups/g9.yml", "settings: {}\n")
        try repo.write("clusters/c002/machines/dup.example.net.yaml", "group: g1\ngroup: g2\n")
        try repo.write("clusters/c003/cluster.yaml", "settings:\n  unknown_feature: 1\n\tbad: tab\n")
        try repo.write("clusters/c003/machines/Upper.example.net.yaml", "group: g1\n")
        let sequential = try Self.load(repo.path, parallel: false)
        let parallel = try Self.load(repo.path, parallel: true)
        #expect(parallel == sequential)
        #expect(sequential.diagnostics.count >= 5)
        #expect(sequential.machines.count >= 30)
    }
}
