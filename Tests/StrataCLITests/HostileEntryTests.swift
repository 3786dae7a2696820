import Foundation
import Testing
import StrataModel
import StrataLoad
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// Entries named `*.yaml` that are not regular files, and names that are not UTF-8, are errors:
/// the cluster, group or machine they stand for must not drop out of a green run.
@Suite("Hostile repository entries")
struct HostileEntryTests {
    @Test func pipesDirectoriesLinksToPipesAndUndecodableNamesAreErrors() throws {
        let repo = try TempRepo(minimalCluster(machines: ["m1.example.com": "group: main\n"]))
        let machines = repo.root.appendingPathComponent("clusters/c1/machines")
        try Self.makeFIFO(machines.appendingPathComponent("m2.example.com.yaml").path)
        try FileManager.default.createDirectory(
            at: machines.appendingPathComponent("m3.example.com.yaml"), withIntermediateDirectories: false)
        // The pipe sits below clusters/ (hidden, so not read itself): a link out of clusters/ would be E008.
        try Self.makeFIFO(machines.appendingPathComponent(".pipe").path)
        try FileManager.default.createSymbolicLink(
            atPath: machines.appendingPathComponent("m4.example.com.yaml").path, withDestinationPath: ".pipe")
        try Self.createFile(named: Array(machines.path.utf8) + Array("/m5".utf8) + [0xFF] + Array(".example.com.yaml".utf8))
        try Self.makeFIFO(repo.root.appendingPathComponent("clusters/c1/groups/edge.yaml").path)

        let diagnostics = try Self.loadWithoutBlocking(repo, pipes: ["clusters/c1/machines/m2.example.com.yaml", "clusters/c1/machines/.pipe"])
        #expect(diagnostics.triples == [
            "clusters/c1/groups/edge.yaml:1 E017",
            "clusters/c1/machines/m2.example.com.yaml:1 E017",
            "clusters/c1/machines/m3.example.com.yaml:1 E017",
            "clusters/c1/machines/m4.example.com.yaml:1 E017",
            "clusters/c1/machines/m5\\xFF.example.com.yaml:1 E018",
        ])
        let messages = diagnostics.sorted.map(\.message)
        #expect(messages[1] == "'clusters/c1/machines/m2.example.com.yaml' is a named pipe (FIFO), not a regular file; it is not read")
        #expect(messages[2] == "'clusters/c1/machines/m3.example.com.yaml' is a directory, not a regular file; it is not read")
        #expect(messages[3] == "'clusters/c1/machines/m4.example.com.yaml' is a symbolic link to a named pipe (FIFO), not a regular file; it is not read")
        #expect(messages[4] == "the name of 'clusters/c1/machines/m5\\xFF.example.com.yaml' is not valid UTF-8; it is not read")
    }

    @Test func aClusterFileThatIsAPipeIsOneError() throws {
        let repo = try TempRepo(minimalCluster())
        try repo.remove("clusters/c1/cluster.yaml")
        try Self.makeFIFO(repo.root.appendingPathComponent("clusters/c1/cluster.yaml").path)
        let diagnostics = try Self.loadWithoutBlocking(repo, pipes: ["clusters/c1/cluster.yaml"])
        #expect(diagnostics.triples == ["clusters/c1/cluster.yaml:1 E017"])
    }

    @Test func anUndecodableClusterDirectoryIsAnError() throws {
        let repo = try TempRepo(minimalCluster())
        try Self.createFile(named: Array(repo.root.appendingPathComponent("clusters").path.utf8) + Array("/caf".utf8) + [0xE9])
        let diagnostics = try Self.loadWithoutBlocking(repo, pipes: [])
        #expect(diagnostics.triples == ["clusters/caf\\xE9:1 E018"])
    }

    @Test func validateFailsInsteadOfDroppingAMachine() async throws {
        let repo = try TempRepo(minimalCluster(machines: ["m1.example.com": "group: main\n"]))
        try FileManager.default.createDirectory(
            at: repo.root.appendingPathComponent("clusters/c1/machines/m2.example.com.yaml"), withIntermediateDirectories: false)
        let run = try await runStrata(["validate", "--repo", repo.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains(
            "clusters/c1/machines/m2.example.com.yaml:1:1: error[E017]: 'clusters/c1/machines/m2.example.com.yaml' is a directory, not a regular file; it is not read\n"),
            "stdout: \(run.stdout)")
    }

    @Test func theSameRuleHoldsForAGitRevision() async throws {
        let fixture = try GitFixture(copying: nil)
        for (path, text) in minimalCluster(machines: ["m1.example.com": "group: main\n"]) { try fixture.write(path, text) }
        let base = try fixture.commitAll("a valid cluster")
        let machines = fixture.url("clusters/c1/machines")
        try fixture.write("clusters/c1/machines/m3.example.com.yaml/README", "a directory named like a machine file\n")
        try FileManager.default.createSymbolicLink(
            atPath: machines.appendingPathComponent("m4.example.com.yaml").path, withDestinationPath: "nowhere.yaml")
        try Self.createFile(named: Array(machines.path.utf8) + Array("/m5".utf8) + [0xFF] + Array(".example.com.yaml".utf8))
        try fixture.git("add", "-A")
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(base),clusters/c1/machines/m2.example.com.yaml")
        try fixture.git("commit", "-q", "-m", "entries that are not files")

        let run = try await fixture.strata(["validate", "--format", "json", "--repo", fixture.path, "--rev", "HEAD"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // m1 has no listener (W408): only the errors matter here.
        let errors = (object["diagnostics"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
        let found = errors.map { diagnostic in
            "\(diagnostic["file"] as? String ?? "?") \(diagnostic["code"] as? String ?? "?")"
        }.sorted()
        #expect(found == [
            "clusters/c1/machines/m2.example.com.yaml E017",
            "clusters/c1/machines/m3.example.com.yaml E017",
            "clusters/c1/machines/m4.example.com.yaml E017",
            "clusters/c1/machines/m5\u{FFFD}.example.com.yaml E018",
        ], "stdout: \(run.stdout)")
        let messages = (object["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains("'clusters/c1/machines/m2.example.com.yaml' is a git submodule, not a regular file; it is not read"))
        #expect(messages.contains("'clusters/c1/machines/m4.example.com.yaml' is a symbolic link that leads nowhere (dangling), not a regular file; it is not read"))
    }

    @Test("a pipe, a link to a pipe and a name that is not UTF-8 are errors too (E017, E018)")
    func pipesAndUndecodableNamesInTheBrokenExample() throws {
        // examples/broken/not-a-file holds the directory; git cannot hold the rest portably.
        let fileManager = FileManager.default
        let sandbox = fileManager.temporaryDirectory.appendingPathComponent("strata-broken-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: sandbox) }
        try fileManager.createDirectory(at: sandbox, withIntermediateDirectories: true)
        let repo = sandbox.appendingPathComponent("repo")
        try fileManager.copyItem(at: BrokenExamplesTests.brokenRoot.appendingPathComponent("not-a-file"), to: repo)
        let machines = repo.appendingPathComponent("clusters/americas/machines")
        try Self.makeFIFO(machines.appendingPathComponent("saopaulo.example.com.yaml").path)
        try Self.makeFIFO(machines.appendingPathComponent(".pipe").path)
        try fileManager.createSymbolicLink(
            atPath: machines.appendingPathComponent("miami.example.com.yaml").path, withDestinationPath: ".pipe")
        try Self.createFile(named: Array(machines.path.utf8) + Array("/toronto".utf8) + [0xE9] + Array(".yaml".utf8))

        let run = try BrokenExamplesTests.strata(["validate", "--repo", repo.path, "--format", "json"])
        let actual = try BrokenExamplesTests.triples(fromJSON: run.stdout).map(\.description)
        #expect(actual == [
            "clusters/americas/machines/boston.example.com.yaml:1 E017",
            "clusters/americas/machines/miami.example.com.yaml:1 E017",
            "clusters/americas/machines/saopaulo.example.com.yaml:1 E017",
            "clusters/americas/machines/toronto\\xE9.yaml:1 E018",
        ])
        #expect(run.status == 1)
    }

    // MARK: - Helpers

    static func makeFIFO(_ path: String) throws {
        guard mkfifo(path, 0o644) == 0 else { throw FixtureError("mkfifo \(path): \(String(cString: strerror(errno)))") }
    }

    /// Creates an empty file whose path is given as raw bytes (so it may be a name that is not UTF-8).
    static func createFile(named path: [UInt8]) throws {
        let descriptor = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        guard descriptor >= 0 else { throw FixtureError("cannot create a file: \(String(cString: strerror(errno)))") }
        close(descriptor)
    }

    /// Loads the repository on another thread. The loader must never wait for a writer on a pipe; if it
    /// does, after a generous 30 s the test fails and opens each pipe for writing, which releases it.
    static func loadWithoutBlocking(_ repo: TempRepo, pipes: [String]) throws -> Diagnostics {
        let box = LoadBox()
        let done = DispatchSemaphore(value: 0)
        let path = repo.path
        Thread.detachNewThread {
            var diagnostics = Diagnostics()
            _ = try? RepositoryLoader(source: WorkingTreeSource(root: path)).load(diagnostics: &diagnostics)
            box.set(diagnostics)
            done.signal()
        }
        if done.wait(timeout: .now() + 30) == .timedOut {
            Issue.record("loading blocked on a named pipe")
            for pipe in pipes {
                let descriptor = open(repo.root.appendingPathComponent(pipe).path, O_WRONLY | O_NONBLOCK)
                if descriptor >= 0 { close(descriptor) }
            }
            _ = done.wait(timeout: .now() + 30)
        }
        return box.get()
    }
}

/// The loader thread's result, handed over under a lock.
private final class LoadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var diagnostics = Diagnostics()

    func set(_ value: Diagnostics) {
        lock.lock()
        defer { lock.unlock() }
        diagnostics = value
    }

    func get() -> Diagnostics {
        lock.lock()
        defer { lock.unlock() }
        return diagnostics
    }
}
