import Foundation
import Testing
import StrataGit

@Suite("Working tree status")
struct StatusTests {
    @Test func reportsModifiedStagedAndUntrackedFilesUnderThePrefixOnly() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let path = history.path
        try sandbox.write("name: a\nsize: 3\n", to: "clusters/a/cluster.yaml", in: path)
        try sandbox.write("name: b\nsize: 9\n", to: "clusters/b/cluster.yaml", in: path)
        try sandbox.git(["add", "clusters/b/cluster.yaml"], in: path)
        try sandbox.write("name: c\n", to: "clusters/c/cluster.yaml", in: path)
        try sandbox.write("name: d\n", to: "clusters/d.yaml", in: path)
        try sandbox.git(["add", "clusters/d.yaml"], in: path)
        try sandbox.write("ignored\n", to: "clusters/a/notes.tmp", in: path)
        try sandbox.write("*.tmp\n", to: ".gitignore", in: path)
        try sandbox.write("changed\n", to: "README.md", in: path)
        try sandbox.write("outside\n", to: "other/file.txt", in: path)
        let repository = try GitRepository.discover(from: path)

        #expect(try repository.status(under: "clusters") == [
            GitFileStatus(path: "clusters/a/cluster.yaml", unstaged: .modified),
            GitFileStatus(path: "clusters/b/cluster.yaml", staged: .modified),
            GitFileStatus(path: "clusters/c/cluster.yaml", unstaged: .untracked),
            GitFileStatus(path: "clusters/d.yaml", staged: .added),
        ])
        #expect(try repository.status(under: "").map(\.path) == [
            ".gitignore", "README.md", "clusters/a/cluster.yaml", "clusters/b/cluster.yaml",
            "clusters/c/cluster.yaml", "clusters/d.yaml", "other/file.txt",
        ])
    }

    @Test func doesNotMatchASiblingWithTheSamePrefix() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.write("x\n", to: "clusters/ab/cluster.yaml", in: history.path)
        try sandbox.write("x\n", to: "clusters/a.yaml", in: history.path)
        let repository = try GitRepository.discover(from: history.path)
        #expect(try repository.status(under: "clusters/a") == [])
        #expect(try repository.status(under: "clusters/ab") == [GitFileStatus(path: "clusters/ab/cluster.yaml", unstaged: .untracked)])
    }

    @Test func reportsDeletions() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["rm", "-q", "clusters/b/cluster.yaml"], in: history.path)
        try FileManager.default.removeItem(atPath: history.path + "/clusters/a/cluster.yaml")
        #expect(try GitRepository.discover(from: history.path).status(under: "clusters") == [
            GitFileStatus(path: "clusters/a/cluster.yaml", unstaged: .deleted),
            GitFileStatus(path: "clusters/b/cluster.yaml", staged: .deleted),
        ])
    }

    @Test func requireCleanRefusesUncommittedChanges() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.write("changed\n", to: "clusters/b/cluster.yaml", in: history.path)
        let repository = try GitRepository.discover(from: history.path)
        try repository.requireClean(under: "clusters/a")
        let error = #expect(throws: GitError.self) { try repository.requireClean(under: "clusters") }
        #expect(error == GitError(
            code: .dirtyWorktree, message: "'clusters' has uncommitted changes",
            cause: "1 changed path: clusters/b/cluster.yaml"))
    }

    @Test func refusesABareRepository() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["clone", "-q", "--bare", history.path, sandbox.root + "/bare.git"], in: sandbox.root)
        let error = #expect(throws: GitError.self) {
            try GitRepository.discover(from: sandbox.root + "/bare.git").status(under: "clusters")
        }
        #expect(error == GitError(code: .bareRepository, message: "cannot read the status in a bare repository"))
    }
}
