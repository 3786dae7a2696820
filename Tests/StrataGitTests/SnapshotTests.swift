import Foundation
import Testing
import StrataGit

@Suite("Reading a commit's tree")
struct SnapshotTests {
    @Test func readsTheFilesCommittedAtARevision() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        // Uncommitted changes in the working tree must not show in a snapshot.
        try sandbox.write("changed\n", to: "clusters/a/cluster.yaml", in: history.path)
        try sandbox.write("new\n", to: "clusters/c/cluster.yaml", in: history.path)
        let repository = try GitRepository.discover(from: history.path)

        let first = try repository.snapshot(of: "HEAD~1", under: "clusters", maxBlobBytes: 1 << 20)
        #expect(first.commit == (try repository.resolve(history.first)))
        #expect(first.prefix == "clusters")
        #expect(first.prefixExists)
        #expect(first.allEntries == [
            GitTreeEntry(path: "clusters/a", kind: .directory),
            GitTreeEntry(path: "clusters/a/cluster.yaml", kind: .file(.bytes(Array("name: a\n".utf8)), executable: false)),
        ])

        let second = try repository.snapshot(of: "main", under: "clusters/", maxBlobBytes: 1 << 20)
        #expect(second.commit.id == history.second)
        #expect(second.entries(in: "clusters")?.map(\.name) == ["a", "b"])
        #expect(second.entries(in: "clusters/b") == [
            GitTreeEntry(path: "clusters/b/cluster.yaml", kind: .file(.bytes(Array("name: b\n".utf8)), executable: false))
        ])
        #expect(second.file(at: "clusters/a/cluster.yaml") == .bytes(Array("name: a\nsize: 2\n".utf8)))
        #expect(second.file(at: "clusters/c/cluster.yaml") == nil)
        #expect(second.file(at: "clusters/a") == nil)
        #expect(second.file(at: "README.md") == nil)
        #expect(second.entries(in: "clusters/c") == nil)
        #expect(second.entries(in: "clusters/a/cluster.yaml") == nil)
        #expect(second.entries(in: "") == nil)
    }

    @Test func keepsBinaryBytesAndModes() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let path = try sandbox.makeRepository("repo")
        let bytes = (0...255).map(UInt8.init) + [0, 0, 10, 13]
        try sandbox.write(bytes, to: "data/blob.bin", in: path)
        try sandbox.write("#!/bin/sh\n", to: "data/run.sh", in: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/data/run.sh")
        try sandbox.commitAll("Binary", in: path, date: GitSandbox.firstDate)
        let snapshot = try GitRepository.discover(from: path).snapshot(of: "HEAD", under: "data", maxBlobBytes: 1 << 20)
        #expect(snapshot.file(at: "data/blob.bin") == .bytes(bytes))
        #expect(snapshot.entry(at: "data/run.sh")?.kind == .file(.bytes(Array("#!/bin/sh\n".utf8)), executable: true))
    }

    @Test func readsTheWholeTreeForAnEmptyPrefix() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let snapshot = try GitRepository.discover(from: history.path).snapshot(of: "HEAD", under: "", maxBlobBytes: 1 << 20)
        #expect(snapshot.prefixExists)
        #expect(snapshot.entries(in: "")?.map(\.name) == ["README.md", "clusters"])
        #expect(snapshot.allEntries.map(\.path) == [
            "README.md", "clusters", "clusters/a", "clusters/a/cluster.yaml", "clusters/b", "clusters/b/cluster.yaml",
        ])
    }

    @Test(arguments: ["missing", "clusters/zzz", "README.md"])
    func givesAnEmptySnapshotWhenThePrefixIsNotADirectory(prefix: String) throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let snapshot = try GitRepository.discover(from: history.path).snapshot(of: "HEAD", under: prefix, maxBlobBytes: 1024)
        #expect(snapshot.prefixExists == false)
        #expect(snapshot.allEntries.isEmpty)
        #expect(snapshot.entries(in: prefix) == nil)
        #expect(snapshot.commit.id == history.second)
    }

    @Test func reportsSymbolicLinksWithTheirTargets() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        try createSymlink(at: history.path + "/clusters/a/current.yaml", to: "cluster.yaml")
        try createSymlink(at: history.path + "/clusters/outside", to: "/etc/passwd")
        try sandbox.commitAll("Links", in: history.path, date: GitSandbox.firstDate + 200)
        let snapshot = try GitRepository.discover(from: history.path).snapshot(of: "HEAD", under: "clusters", maxBlobBytes: 1024)
        #expect(snapshot.entry(at: "clusters/a/current.yaml")?.kind == .symlink(target: "cluster.yaml"))
        #expect(snapshot.entry(at: "clusters/outside")?.kind == .symlink(target: "/etc/passwd"))
        #expect(snapshot.file(at: "clusters/outside") == nil)
    }

    @Test func doesNotLoadBlobsOverTheLimit() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let path = try sandbox.makeRepository("repo")
        try sandbox.write([UInt8](repeating: 65, count: 100), to: "clusters/big.yaml", in: path)
        try sandbox.write([UInt8](repeating: 66, count: 10), to: "clusters/edge.yaml", in: path)
        try sandbox.commitAll("Sizes", in: path, date: GitSandbox.firstDate)
        let snapshot = try GitRepository.discover(from: path).snapshot(of: "HEAD", under: "clusters", maxBlobBytes: 10)
        #expect(snapshot.file(at: "clusters/big.yaml") == .tooLarge(size: 100))
        #expect(snapshot.file(at: "clusters/edge.yaml") == .bytes([UInt8](repeating: 66, count: 10)))
    }

    @Test func reportsASubmoduleAsItsCommit() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let history = try sandbox.makeHistory()
        let path = try sandbox.makeRepository("super")
        try sandbox.git(["update-index", "--add", "--cacheinfo", "160000,\(history.second),clusters/vendored"], in: path)
        try sandbox.git(["commit", "-q", "-m", "Submodule"], in: path, date: GitSandbox.firstDate)
        let snapshot = try GitRepository.discover(from: path).snapshot(of: "HEAD", under: "clusters", maxBlobBytes: 1024)
        #expect(snapshot.entry(at: "clusters/vendored")?.kind == .submodule(commit: history.second))
    }

    @Test func reportsAnUnknownRevision() throws {
        let sandbox = try GitSandbox()
        defer { sandbox.remove() }
        let repository = try GitRepository.discover(from: try sandbox.makeHistory().path)
        let error = #expect(throws: GitError.self) { try repository.snapshot(of: "mian", under: "clusters", maxBlobBytes: 1) }
        #expect(error == GitError(code: .unknownRevision, message: "unknown revision 'mian'", cause: error?.cause))
    }

    private func createSymlink(at path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }
}
