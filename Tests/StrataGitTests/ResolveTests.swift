import Testing
import StrataGit

@Suite("Resolving revisions")
struct ResolveTests {
    @Test func resolvesRevisionForms() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["branch", "old", history.first], in: history.path)
        let repository = try GitRepository.discover(from: history.path)
        let shortFirst = String(history.first.prefix(8))
        let expected: [(String, String)] = [
            ("HEAD", history.second), ("HEAD~1", history.first), ("HEAD^", history.first),
            ("main", history.second), ("old", history.first), ("refs/heads/old", history.first),
            ("v1", history.first), ("light", history.second), (shortFirst, history.first),
            (history.second, history.second),
        ]
        for (revision, id) in expected {
            #expect(try repository.resolve(revision).id == id, "\(revision)")
        }
    }

    /// libgit2 1.5 reads the reflog for `branch@{n}`: `main@{1}` is where main was before its last move.
    @Test func resolvesReflogEntries() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let repository = try GitRepository.discover(from: history.path)
        #expect(try repository.resolve("main@{0}").id == history.second)
        #expect(try repository.resolve("main@{1}").id == history.first)
        #expect(try repository.resolve("HEAD@{1}").id == history.first)
    }

    @Test func resolvesARemoteBranchInAClone() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let clone = sandbox.root + "/clone"
        try sandbox.git(["clone", "-q", history.path, clone], in: sandbox.root)
        try sandbox.write("local\n", to: "local.txt", in: clone)
        try sandbox.commitAll("Local change", in: clone, date: GitSandbox.firstDate + 200)
        let repository = try GitRepository.discover(from: clone)
        #expect(try repository.resolve("origin/main").id == history.second)
        #expect(try repository.resolve("HEAD").id != history.second)
    }

    @Test func readsCommitDetails() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let commit = try GitRepository.discover(from: history.path).resolve("main")
        #expect(commit.id == history.second)
        #expect(commit.id.count == 40)
        #expect(commit.shortId.count >= 7 && history.second.hasPrefix(commit.shortId))
        #expect(commit.summary == "Second commit")
        #expect(commit.author == GitSandbox.identity)
        #expect(commit.committer == GitSandbox.identity)
        #expect(commit.authorTime == Int64(GitSandbox.firstDate + 100))
        #expect(commit.commitTime == Int64(GitSandbox.firstDate + 100))
        #expect(commit.parentIds == [history.first])
    }

    @Test func reportsAnUnknownRevision() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let repository = try GitRepository.discover(from: try sandbox.makeHistory().path)
        let error = #expect(throws: GitError.self) { try repository.resolve("mian") }
        #expect(error?.code == .unknownRevision)
        #expect(error?.message == "unknown revision 'mian'")
        #expect(error?.cause != nil)
        for revision in ["HEAD~9", "main@{9}", "", "a..b..c"] {
            let error = #expect(throws: GitError.self) { try repository.resolve(revision) }
            #expect(error?.code == .unknownRevision, "\(revision)")
        }
    }

    @Test func refusesARevisionThatIsNotACommit() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let repository = try GitRepository.discover(from: try sandbox.makeHistory().path)
        let error = #expect(throws: GitError.self) { try repository.resolve("HEAD:README.md") }
        #expect(error?.code == .notACommit)
        #expect(error?.message == "revision 'HEAD:README.md' names a blob, not a commit")
    }
}
