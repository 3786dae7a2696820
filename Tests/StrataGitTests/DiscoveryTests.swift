import Testing
import StrataGit

@Suite("Discovering repositories")
struct DiscoveryTests {
    @Test func discoversFromASubdirectory() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let repository = try GitRepository.discover(from: history.path + "/clusters/a")
        #expect(repository.gitDirectory == history.path + "/.git")
        #expect(repository.workdir == history.path)
        #expect(repository.isBare == false)
        #expect(try GitRepository.discover(from: history.path) == repository)
    }

    @Test func discoversABareClone() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["clone", "-q", "--bare", history.path, sandbox.root + "/bare.git"], in: sandbox.root)
        let repository = try GitRepository.discover(from: sandbox.root + "/bare.git")
        #expect(repository.gitDirectory == sandbox.root + "/bare.git")
        #expect(repository.workdir == nil)
        #expect(repository.isBare)
        #expect(try repository.resolve("HEAD").id == history.second)
        #expect(try repository.headBranch() == "main")
        let snapshot = try repository.snapshot(of: "v1", under: "clusters", maxBlobBytes: 1024)
        #expect(snapshot.file(at: "clusters/a/cluster.yaml") == .bytes(Array("name: a\n".utf8)))
    }

    @Test func refusesADirectoryOutsideAnyRepository() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let error = #expect(throws: GitError.self) { try GitRepository.discover(from: sandbox.root + "/home") }
        #expect(error?.code == .notARepository)
        #expect(error?.message == "'\(sandbox.root)/home' is not inside a git repository")
    }

    @Test func reportsTheHeadBranchAndCommit() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let repository = try GitRepository.discover(from: history.path)
        #expect(try repository.headBranch() == "main")
        #expect(try repository.headCommit()?.id == history.second)

        try sandbox.git(["checkout", "-q", "--detach", "HEAD~1"], in: history.path)
        #expect(try repository.headBranch() == nil)
        #expect(try repository.headCommit()?.id == history.first)
    }

    @Test func emptyRepositoryHasABranchButNoCommit() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let path = try sandbox.makeRepository("empty")
        let repository = try GitRepository.discover(from: path)
        #expect(try repository.headBranch() == "main")
        #expect(try repository.headCommit() == nil)
        let error = #expect(throws: GitError.self) { try repository.resolve("HEAD") }
        #expect(error?.code == .unknownRevision)
    }
}
