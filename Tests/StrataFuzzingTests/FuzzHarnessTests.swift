import Foundation
import StrataFuzzing
import Testing

/// The fuzz harness itself: inputs unpack as documented, seeds are made from every example and each runs
/// through its target, and the inputs kept under Tests/Fuzz/regressions (hostile inputs and anything a
/// fuzzer found) still run cleanly.
@Suite struct FuzzHarnessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func unpacksMarkedFiles() {
        let input = "=== clusters/a/cluster.yaml\nsettings: {}\n=== clusters/a/groups/g.yaml\nx: 1\n"
        let files = Array(input.utf8).withUnsafeBytes { FuzzArchive.unpack($0) }
        #expect(files.keys.sorted() == ["clusters/a/cluster.yaml", "clusters/a/groups/g.yaml"])
        #expect(files["clusters/a/cluster.yaml"] == Array("settings: {}\n".utf8))
        #expect(files["clusters/a/groups/g.yaml"] == Array("x: 1\n".utf8))
    }

    @Test func unmarkedInputIsAClusterFile() {
        let files = Array("settings: {}".utf8).withUnsafeBytes { FuzzArchive.unpack($0) }
        #expect(files == ["clusters/fuzz/cluster.yaml": Array("settings: {}".utf8)])
    }

    @Test func packThenUnpackIsTheSameTree() {
        let tree: [(path: String, contents: [UInt8])] = [
            ("clusters/b/machines/m.yaml", Array("group: g\n".utf8)), ("clusters/b/cluster.yaml", Array("settings:\n".utf8)),
        ]
        let files = FuzzArchive.pack(tree).withUnsafeBytes { FuzzArchive.unpack($0) }
        #expect(files == Dictionary(uniqueKeysWithValues: tree.map { ($0.path, $0.contents) }))
    }

    @Test func fileCountIsBounded() {
        let input = (0..<200).map { "=== clusters/a/machines/m\($0).yaml\ngroup: g\n" }.joined()
        let files = Array(input.utf8).withUnsafeBytes { FuzzArchive.unpack($0) }
        #expect(files.count == FuzzArchive.maxFiles)
    }

    @Test(arguments: FuzzTarget.allCases)
    func seedsComeFromEveryExample(_ target: FuzzTarget) throws {
        let seeds = try FuzzSeeds.make(target, examples: Self.root.appendingPathComponent("examples").path)
        let names = Set(seeds.map(\.name))
        switch target {
        case .yaml:
            #expect(names.contains("americas"))
            #expect(names.contains("broken-alias-bomb"))
        case .request:
            #expect(names.contains("americas-newyork.example.com-apply"))
            #expect(names.contains("americas-newyork.example.com-rollback"))
        case .answer:
            #expect(names.contains("americas-newyork.example.com-state"))
            #expect(names.contains("americas-newyork.example.com-error"))
        }
        for seed in seeds { seed.bytes.withUnsafeBytes { target.run($0) } }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionInputsRunCleanly(_ target: FuzzTarget) throws {
        let directory = Self.root.appendingPathComponent("Tests/Fuzz/regressions/\(target.rawValue)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!names.isEmpty, "Tests/Fuzz/regressions/\(target.rawValue) keeps at least one input")
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
            bytes.withUnsafeBytes { target.run($0) }
        }
    }
}
