import Testing
import StrataGit

@Suite("Fetching a branch")
struct FetchTests {
    @Test func fetchesFromALocalPath() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let upstream = try sandbox.makeHistory("upstream")
        let local = try sandbox.makeRepository("local")
        let repository = try GitRepository.discover(from: local)

        let fetched = try repository.fetch(remote: upstream.path, branch: "main")
        #expect(fetched.id == upstream.second)
        #expect(fetched.summary == "Second commit")
        #expect(try sandbox.git(["rev-parse", "refs/strata/fetched/main"], in: local) == upstream.second)
        #expect(try repository.snapshot(of: fetched.id, under: "clusters", maxBlobBytes: 1024).file(at: "clusters/b/cluster.yaml")
            == .bytes(Array("name: b\n".utf8)))

        // A rewritten upstream branch is followed (forced update).
        try sandbox.git(["reset", "-q", "--hard", "HEAD~1"], in: upstream.path)
        try sandbox.write("third\n", to: "third.txt", in: upstream.path)
        let third = try sandbox.commitAll("Third commit", in: upstream.path, date: GitSandbox.firstDate + 300)
        #expect(try repository.fetch(remote: upstream.path, branch: "main").id == third)
        #expect(try sandbox.git(["rev-parse", "refs/strata/fetched/main"], in: local) == third)
        #expect(try sandbox.git(["tag", "--list"], in: local) == "")
    }

    @Test func fetchesFromAFileURL() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let upstream = try sandbox.makeHistory("upstream")
        try sandbox.git(["branch", "release", upstream.first], in: upstream.path)
        let repository = try GitRepository.discover(from: try sandbox.makeRepository("local"))
        #expect(try repository.fetch(remote: "file://" + upstream.path, branch: "release").id == upstream.first)
    }

    @Test func fetchesFromAConfiguredRemote() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let upstream = try sandbox.makeHistory("upstream")
        let clone = sandbox.root + "/clone"
        try sandbox.git(["clone", "-q", upstream.path, clone], in: sandbox.root)
        try sandbox.write("more\n", to: "more.txt", in: upstream.path)
        let newer = try sandbox.commitAll("More", in: upstream.path, date: GitSandbox.firstDate + 300)
        let repository = try GitRepository.discover(from: clone)
        #expect(try repository.resolve("origin/main").id == upstream.second)
        #expect(try repository.fetch(remote: "origin", branch: "main").id == newer)
        #expect(try repository.resolve("origin/main").id == newer)
        #expect(try repository.resolve("HEAD").id == upstream.second)
    }

    @Test func fetchesFromARemoteConfiguredWithARelativePath() async throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let upstream = try sandbox.makeHistory("upstream")
        let local = try sandbox.makeRepository("local")
        try sandbox.git(["remote", "add", "up", "../upstream"], in: local)
        let repository = try GitRepository.discover(from: local + "/")
        let fetched = try await GitLibrary.withSession { () throws(GitError) -> GitCommit in
            try repository.fetch(remote: "up", branch: "main")
        }
        #expect(fetched.id == upstream.second)
        #expect(try sandbox.git(["rev-parse", "refs/remotes/up/main"], in: local) == upstream.second)
        #expect(try sandbox.git(["for-each-ref", "--format=%(refname)", "refs/strata"], in: local) == "")
    }

    @Test func reportsAMissingBranchRemoteOrInvalidName() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let upstream = try sandbox.makeHistory("upstream")
        let repository = try GitRepository.discover(from: try sandbox.makeRepository("local"))

        let branch = #expect(throws: GitError.self) { try repository.fetch(remote: upstream.path, branch: "nope") }
        #expect(branch == GitError(code: .unknownRemoteBranch, message: "remote '\(upstream.path)' has no branch 'nope'"))
        let remote = #expect(throws: GitError.self) { try repository.fetch(remote: sandbox.root + "/missing", branch: "main") }
        #expect(remote?.code == .unknownRemote)
        let invalid = #expect(throws: GitError.self) { try repository.fetch(remote: upstream.path, branch: "a..b") }
        #expect(invalid == GitError(code: .invalidBranch, message: "'a..b' is not a valid branch name"))
    }
}
