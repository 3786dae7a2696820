import Foundation
import Testing
import StrataGit

@Suite("Files removed by the history")
struct RemovedFilesTests {
    @Test func findsEachRemovedFileWithTheNewestCommitThatHadIt() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let path = try sandbox.makeRepository("removed")
        try sandbox.write("a\n", to: "clusters/lab/machines/a.yaml", in: path)
        try sandbox.write("b\n", to: "clusters/lab/machines/b.yaml", in: path)
        try sandbox.write("c\n", to: "clusters/lab/machines/c.yaml", in: path)
        try sandbox.write("x\n", to: "other/x.yaml", in: path)
        let first = try sandbox.commitAll("three", in: path, date: 1_700_000_000)
        try sandbox.git(["rm", "-q", "clusters/lab/machines/a.yaml", "other/x.yaml"], in: path)
        _ = try sandbox.commitAll("a leaves", in: path, date: 1_700_000_100)
        // b leaves, comes back, leaves again: its newest removal counts. c leaves and comes back: never reported.
        try sandbox.git(["rm", "-q", "clusters/lab/machines/b.yaml", "clusters/lab/machines/c.yaml"], in: path)
        _ = try sandbox.commitAll("b and c leave", in: path, date: 1_700_000_200)
        try sandbox.write("b\n", to: "clusters/lab/machines/b.yaml", in: path)
        try sandbox.write("c\n", to: "clusters/lab/machines/c.yaml", in: path)
        let fourth = try sandbox.commitAll("b and c are back", in: path, date: 1_700_000_300)
        try sandbox.git(["rm", "-q", "clusters/lab/machines/b.yaml"], in: path)
        _ = try sandbox.commitAll("b leaves again", in: path, date: 1_700_000_400)

        let repository = try GitRepository.discover(from: path)
        let removed = try repository.removedFiles(under: "clusters", limit: 200)
        #expect(removed == [
            GitRemovedFile(path: "lab/machines/b.yaml", lastCommit: fourth),
            GitRemovedFile(path: "lab/machines/a.yaml", lastCommit: first),
        ])
        // The walk is bounded: two commits back reach the second removal of b only.
        #expect(try repository.removedFiles(under: "clusters", limit: 2) == [GitRemovedFile(path: "lab/machines/b.yaml", lastCommit: fourth)])
        #expect(try repository.removedFiles(under: "clusters", limit: 0) == [])
        #expect(try repository.removedFiles(under: "missing", limit: 200) == [])
    }
}
