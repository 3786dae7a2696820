// Golden files: the rendered files of every machine of examples/americas, one directory per machine
// under Golden/, plus `warnings.txt`. After an intended change of the renderer, re-record and review:
//     STRATA_RECORD=1 swift test --filter PostfixGoldenTests

import Foundation
import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix golden files")
struct PostfixGoldenTests {
    @Test("the Americas machines render exactly their golden files", arguments: PostfixTestSupport.machines)
    func machineMatchesGolden(_ machine: String) throws {
        let configurations = try PostfixTestSupport.configurations(repository: PostfixTestSupport.americas)
        let configuration = try #require(configurations[machine])
        let rendering = try PostfixRenderer.render(
            configuration: configuration, machine: machine, secrets: .references, layout: PostfixTestSupport.defaultLayout)
        let directory = PostfixTestSupport.goldenRoot.appendingPathComponent(machine)
        var expected = rendering.files.map { ($0.path, $0.content) }
        expected.append(("warnings.txt", rendering.warningLines.map { $0 + "\n" }.joined()))
        if PostfixTestSupport.recording {
            try? FileManager.default.removeItem(at: directory)
            for (path, content) in expected {
                let url = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: url)
            }
            return
        }
        let recorded = try Self.files(under: directory)
        #expect(recorded.sorted() == expected.map(\.0).sorted(), "files differ from Golden/\(machine) (re-record with STRATA_RECORD=1)")
        for (path, content) in expected {
            let golden = (try? String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)) ?? "(missing)"
            #expect(content == golden, "\(machine)/\(path) differs from its golden file (re-record with STRATA_RECORD=1)\n--- actual ---\n\(content)")
        }
    }

    @Test("rendering is deterministic and files are sorted by path")
    func deterministic() throws {
        let configurations = try PostfixTestSupport.configurations(repository: PostfixTestSupport.americas)
        for (machine, configuration) in configurations {
            let first = try PostfixRenderer.render(
                configuration: configuration, machine: machine, secrets: .references, layout: PostfixTestSupport.defaultLayout)
            let second = try PostfixRenderer.render(
                configuration: configuration, machine: machine, secrets: .references, layout: PostfixTestSupport.defaultLayout)
            #expect(first == second)
            #expect(first.files.map(\.path) == first.files.map(\.path).sorted())
        }
    }

    /// Paths of the regular files under `directory`, relative to it.
    static func files(under directory: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        let prefix = directory.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(prefix.count)))
        }
        return paths
    }
}
