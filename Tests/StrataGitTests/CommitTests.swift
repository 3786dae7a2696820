import Foundation
import Testing
import StrataGit

@Suite("Committing files")
struct CommitTests {
    @Test func commitsExactlyTheGivenChanges() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let path = history.path
        // A change staged beforehand for another path must stay staged and out of the commit.
        try sandbox.write("staged elsewhere\n", to: "README.md", in: path)
        try sandbox.git(["add", "README.md"], in: path)
        let repository = try GitRepository.discover(from: path)

        let commit = try repository.commit(
            writing: ["clusters/c/cluster.yaml": Array("name: c\n".utf8)],
            removing: ["clusters/b/cluster.yaml"],
            message: "Add cluster c  \n\nAnd drop b.\n\n\n")

        #expect(try sandbox.git(["rev-parse", "HEAD"], in: path) == commit.id)
        #expect(try sandbox.git(["rev-parse", "HEAD~1"], in: path) == history.second)
        #expect(try sandbox.git(["symbolic-ref", "HEAD"], in: path) == "refs/heads/main")
        #expect(commit.parentIds == [history.second])
        #expect(commit.summary == "Add cluster c")
        #expect(try sandbox.git(["log", "-1", "--format=%B"], in: path) == "Add cluster c\n\nAnd drop b.\n")
        #expect(try sandbox.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>"], in: path)
            == "Ada Tester <ada@example.com>|Ada Tester <ada@example.com>")
        #expect(try sandbox.git(["diff-tree", "--no-commit-id", "--name-status", "-r", "HEAD~1", "HEAD"], in: path)
            == "D\tclusters/b/cluster.yaml\nA\tclusters/c/cluster.yaml")
        #expect(try sandbox.git(["ls-tree", "-r", "--name-only", "HEAD"], in: path)
            == "README.md\nclusters/a/cluster.yaml\nclusters/c/cluster.yaml")
        #expect(try sandbox.git(["show", "HEAD:clusters/c/cluster.yaml"], in: path) == "name: c")
        #expect(try sandbox.git(["show", "HEAD:README.md"], in: path) == "readme")
        #expect(try sandbox.git(["status", "--porcelain", "--untracked-files=all"], in: path) == "M  README.md")
        #expect(try sandbox.git(["reflog", "-1", "--format=%gs", "main"], in: path) == "commit: Add cluster c")
        #expect(sandbox.read("clusters/c/cluster.yaml", in: path) == Array("name: c\n".utf8))
        #expect(FileManager.default.fileExists(atPath: path + "/clusters/b") == false)
    }

    @Test func replacesAnExistingFileAndKeepsItsMode() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["update-index", "--chmod=+x", "clusters/a/cluster.yaml"], in: history.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: history.path + "/clusters/a/cluster.yaml")
        try sandbox.git(["commit", "-q", "-m", "Executable"], in: history.path, date: GitSandbox.firstDate + 200)
        let repository = try GitRepository.discover(from: history.path)
        _ = try repository.commit(writing: ["clusters/a/cluster.yaml": Array("name: a\nsize: 4\n".utf8)], removing: [], message: "Resize a")
        #expect(try sandbox.git(["diff-tree", "--no-commit-id", "--name-status", "-r", "HEAD~1", "HEAD"], in: history.path)
            == "M\tclusters/a/cluster.yaml")
        #expect(try sandbox.git(["ls-tree", "HEAD", "clusters/a/cluster.yaml"], in: history.path).hasPrefix("100755 blob "))
        #expect(try sandbox.git(["status", "--porcelain"], in: history.path) == "")
    }

    @Test func usesTheGivenAuthorAndTheConfiguredCommitter() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let author = try GitSignature.parse("Bob Builder <bob@example.com>")
        let commit = try GitRepository.discover(from: history.path)
            .commit(writing: ["notes.txt": [1, 2, 3]], removing: [], message: "Notes", author: author)
        #expect(commit.author == author)
        #expect(commit.committer == GitSandbox.identity)
        #expect(try sandbox.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>"], in: history.path)
            == "Bob Builder <bob@example.com>|Ada Tester <ada@example.com>")
    }

    @Test func makesTheFirstCommitOfAnEmptyRepository() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let path = try sandbox.makeRepository("empty")
        let repository = try GitRepository.discover(from: path)
        let commit = try repository.commit(writing: ["clusters/a/cluster.yaml": Array("name: a\n".utf8)], removing: [], message: "Start")
        #expect(commit.parentIds == [])
        #expect(try repository.headCommit() == commit)
        #expect(try sandbox.git(["rev-list", "--count", "main"], in: path) == "1")
        #expect(try sandbox.git(["ls-tree", "-r", "--name-only", "HEAD"], in: path) == "clusters/a/cluster.yaml")
        #expect(try sandbox.git(["status", "--porcelain"], in: path) == "")
    }

    @Test func refusesABareRepository() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["clone", "-q", "--bare", history.path, sandbox.root + "/bare.git"], in: sandbox.root)
        let repository = try GitRepository.discover(from: sandbox.root + "/bare.git")
        let error = #expect(throws: GitError.self) { try repository.commit(writing: ["a": [1]], removing: [], message: "No") }
        #expect(error == GitError(code: .bareRepository, message: "cannot commit in a bare repository"))
        #expect(try sandbox.git(["rev-parse", "main"], in: sandbox.root + "/bare.git") == history.second)
    }

    @Test func refusesWithoutAnIdentity() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        // An empty local user.name hides any identity from the machine's global configuration.
        try sandbox.git(["config", "user.name", ""], in: history.path)
        let repository = try GitRepository.discover(from: history.path)
        let error = #expect(throws: GitError.self) { try repository.commit(writing: ["a.txt": [1]], removing: [], message: "No") }
        #expect(error?.code == .missingIdentity)
        #expect(error?.message == "no author identity: set user.name and user.email in git configuration, or pass --author")
        #expect(sandbox.read("a.txt", in: history.path) == nil)
        #expect(try sandbox.git(["rev-parse", "HEAD"], in: history.path) == history.second)
    }

    @Test func refusesADetachedHead() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try sandbox.git(["checkout", "-q", "--detach"], in: history.path)
        let error = #expect(throws: GitError.self) {
            try GitRepository.discover(from: history.path).commit(writing: ["a.txt": [1]], removing: [], message: "No")
        }
        #expect(error?.code == .detachedHead)
    }

    @Test func refusesACommitWithoutChanges() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let repository = try GitRepository.discover(from: history.path)
        let same = #expect(throws: GitError.self) {
            try repository.commit(writing: ["clusters/b/cluster.yaml": Array("name: b\n".utf8)], removing: ["gone.txt"], message: "Same")
        }
        #expect(same?.code == .nothingToCommit)
        let none = #expect(throws: GitError.self) { try repository.commit(writing: [:], removing: [], message: "None") }
        #expect(none?.code == .nothingToCommit)
        let empty = #expect(throws: GitError.self) { try repository.commit(writing: ["a.txt": [1]], removing: [], message: " \n\n") }
        #expect(empty?.code == .emptyMessage)
        #expect(try sandbox.git(["rev-parse", "HEAD"], in: history.path) == history.second)
    }

    @Test(arguments: ["../escape.txt", "/etc/passwd", ".git/config", "a/.GIT/x", "a//b", "a/./b", "", "a/"])
    func refusesAnInvalidPath(path: String) throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let error = #expect(throws: GitError.self) {
            try GitRepository.discover(from: history.path).commit(writing: [path: [1]], removing: [], message: "No")
        }
        #expect(error?.code == .invalidPath)
        #expect(try sandbox.git(["status", "--porcelain"], in: history.path) == "")
    }

    @Test func refusesToWriteThroughALinkOutOfTheWorkingTree() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try FileManager.default.createDirectory(atPath: sandbox.root + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: history.path + "/linked", withDestinationPath: sandbox.root + "/outside")
        let error = #expect(throws: GitError.self) {
            try GitRepository.discover(from: history.path).commit(writing: ["linked/deep/x.yaml": [1]], removing: [], message: "No")
        }
        #expect(error == GitError(code: .invalidPath, message: "invalid path 'linked/deep/x.yaml': it leads outside the working tree"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.root + "/outside") == [])
    }
}
