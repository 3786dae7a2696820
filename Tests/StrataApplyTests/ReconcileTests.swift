import Foundation
import Testing
import StrataApply
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// `strata reconcile` against a real git repository, with the embedded default or real agents.
@Suite("Reconcile", .serialized)
struct ReconcileTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test"]
    static let gitEnvironment = [
        "GIT_AUTHOR_NAME": "Strata Tests", "GIT_AUTHOR_EMAIL": "tests@strata.example",
        "GIT_COMMITTER_NAME": "Strata Tests", "GIT_COMMITTER_EMAIL": "tests@strata.example", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// A committed embedded lab cluster (no `agents:`).
    static func embeddedLab() throws -> (ConfigRepo, String) {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: machines.map { ($0, nil) }, agents: nil)
        return (repo, try repo.commitAll("first"))
    }

    /// Runs `strata reconcile --once` and reads its JSON lines.
    static func reconcile(_ repo: ConfigRepo, _ extra: [String] = []) async throws -> (CommandResult, [JSON]) {
        let result = try await strata(["reconcile", "--once", "--repo", repo.path] + extra, environment: LabCluster.environment())
        let events = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        return (result, events)
    }

    static func events(_ events: [JSON], _ name: String) -> [JSON] { events.filter { $0["event"] == .string(name) } }

    static func current(_ repo: ConfigRepo, _ machine: String) throws -> GenerationSummary? {
        try repo.store("lab", machine).current()?.summary
    }

    @Test func onceAppliesTheNewCommitAndRecordsIt() async throws {
        let (repo, first) = try Self.embeddedLab()
        let (run, events) = try await Self.reconcile(repo)
        #expect(run.status == 0, "\(run)")
        #expect(Self.events(events, "commit").first?["commit"] == .string(first))
        #expect(Self.events(events, "plan").first?["summary"]?["create"] == .int(2))
        let applied = Self.events(events, "apply")
        #expect(applied.count == 2)
        #expect(applied.allSatisfy { $0["outcome"] == .string("applied") && $0["commit"] == .string(first) })
        for machine in Self.machines {
            #expect(try Self.current(repo, machine)?.generation == 1)
            #expect(try Self.current(repo, machine)?.appliedCommit == first)
        }

        try repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        let second = try repo.commitAll("longer DNS timeout")
        let (again, later) = try await Self.reconcile(repo)
        #expect(again.status == 0, "\(again)")
        #expect(Self.events(later, "commit").first?["summary"] == .string("longer DNS timeout"))
        #expect(Self.events(later, "plan").first?["summary"]?["update"] == .int(2))
        for machine in Self.machines {
            #expect(try Self.current(repo, machine)?.generation == 2)
            #expect(try Self.current(repo, machine)?.appliedCommit == second)
        }
        // The same head again: nothing new, nothing applied.
        let (quiet, none) = try await Self.reconcile(repo)
        #expect(quiet.status == 0, "\(quiet)")
        #expect(none.isEmpty, "\(quiet)")
        // status shows the commit of every machine.
        let status = try await strata(["status", "--format", "json", "--repo", repo.path], environment: LabCluster.environment())
        let rows = try JSONParser.parse(status.stdout)["machines"]
        guard case .array(let machines)? = rows else { Issue.record("no machines: \(status)"); return }
        #expect(machines.allSatisfy { $0["applied_commit"] == .string(second) }, "\(status)")
    }

    @Test func anInvalidCommitIsNeverAppliedAndTheNextValidOneIs() async throws {
        let (repo, first) = try Self.embeddedLab()
        await #expect(try Self.reconcile(repo).0.status == 0)
        try repo.replace("clusters/lab/cluster.yaml", "footer: disclaimer", with: "footer: no-such-footer")
        let invalid = try repo.commitAll("broken footer")
        let (run, events) = try await Self.reconcile(repo)
        #expect(run.status == 1, "\(run)")
        let failure = try #require(Self.events(events, "validation-failed").first)
        #expect(failure["commit"] == .string(invalid))
        guard case .array(let diagnostics)? = failure["diagnostics"] else { Issue.record("no diagnostics"); return }
        #expect(!diagnostics.isEmpty)
        #expect(Self.events(events, "apply").isEmpty)
        #expect(try Self.current(repo, "mx1.lab.test")?.appliedCommit == first)

        try repo.replace("clusters/lab/cluster.yaml", "footer: no-such-footer", with: "footer: disclaimer")
        try repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 9s")
        let fixed = try repo.commitAll("fixed")
        let (next, later) = try await Self.reconcile(repo)
        #expect(next.status == 0, "\(next)")
        #expect(Self.events(later, "apply").count == 2)
        #expect(try Self.current(repo, "mx1.lab.test")?.appliedCommit == fixed)
        #expect(try Self.current(repo, "mx1.lab.test")?.generation == 2)
    }

    @Test func theLoopSkipsAnInvalidCommitAndKeepsTheLastGoodOne() async throws {
        let (repo, first) = try Self.embeddedLab()
        let loop = try ReconcileLoop(["reconcile", "--interval", "1s", "--repo", repo.path])
        // A failing test leaves the loop to its StartedProcess, which kills it when released.
        // Bounded waits (60 s hang guards) that fail the test when the loop never gets there.
        func waitFor(_ what: String, _ condition: () throws -> Bool) async throws {
            try await Wait.until(what, seconds: 60, interval: 0.05, condition)
        }
        try await waitFor("the first commit applied") { try Self.current(repo, "mx1.lab.test")?.appliedCommit == first }
        try repo.replace("clusters/lab/cluster.yaml", "footer: disclaimer", with: "footer: no-such-footer")
        let invalid = try repo.commitAll("broken footer")
        try await waitFor("the invalid commit reported") { loop.stdoutText.contains(invalid) && loop.stdoutText.contains("validation-failed") }
        try repo.replace("clusters/lab/cluster.yaml", "footer: no-such-footer", with: "footer: disclaimer")
        try repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 9s")
        let fixed = try repo.commitAll("fixed")
        try await waitFor("the fixed commit applied") { try Self.current(repo, "mx2.lab.test")?.appliedCommit == fixed }
        let result = await loop.stop()
        let events = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let failure = try #require(Self.events(events, "validation-failed").first, "\(result)")
        #expect(failure["keeping"] == .string(first))
        #expect(try Self.current(repo, "mx1.lab.test")?.appliedCommit == fixed)
        #expect(try Self.current(repo, "mx1.lab.test")?.generation == 2, "the invalid commit was never applied")
        #expect(result.status == 0, "a signal ends the loop cleanly: \(result)")
    }

    @Test func driftIsReportedAndHealedWithSelfHeal() async throws {
        let (repo, _) = try Self.embeddedLab()
        await #expect(try Self.reconcile(repo).0.status == 0)
        // An out-of-band change to mx2.
        let agent = EmbeddedAgent(
            directory: repo.path + "/.strata/state/lab/mx2.lab.test", machine: MachineName("mx2.lab.test"), version: "15.5.1")
        _ = try await agent.apply(ApplyRequest(
            machine: "mx2.lab.test", expectedGeneration: 1, configuration: .object([]), secrets: [:], commit: nil, appliedBy: "someone"))

        let (reported, events) = try await Self.reconcile(repo)
        #expect(reported.status == 0, "\(reported)")
        let drift = try #require(Self.events(events, "drift").first, "\(reported)")
        #expect(drift["healing"] == .bool(false))
        guard case .array(let machines)? = drift["machines"] else { Issue.record("no machines"); return }
        #expect(machines.map { $0["machine"] } == [.string("mx2.lab.test")])
        #expect(try Self.current(repo, "mx2.lab.test")?.generation == 2, "only reported")

        let (healed, later) = try await Self.reconcile(repo, ["--self-heal"])
        #expect(healed.status == 0, "\(healed)")
        #expect(Self.events(later, "drift").first?["healing"] == .bool(true))
        #expect(Self.events(later, "apply").map { $0["machine"] } == [.string("mx2.lab.test")])
        #expect(try Self.current(repo, "mx2.lab.test")?.generation == 3)
        let check = try await strata(["check", "--repo", repo.path], environment: LabCluster.environment())
        #expect(check.status == 0, "\(check)")
    }

    @Test func aRemoteGivenAsAPathIsFetched() async throws {
        let (repo, _) = try Self.embeddedLab()
        let upstream = repo.path + "-upstream"
        defer { try? FileManager.default.removeItem(atPath: upstream) }
        await #expect(try runProgram(["git", "clone", "-q", repo.path, upstream], environment: Self.gitEnvironment).status == 0)
        let file = upstream + "/clusters/lab/cluster.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "timeout: 5s", with: "timeout: 8s")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        await #expect(try runProgram(["git", "commit", "-q", "-am", "upstream change"], directory: upstream, environment: Self.gitEnvironment).status == 0)
        let pushed = try await runProgram(["git", "rev-parse", "HEAD"], directory: upstream).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let (run, events) = try await Self.reconcile(repo, ["--remote", "file://" + upstream])
        #expect(run.status == 0, "\(run)")
        #expect(Self.events(events, "commit").first?["commit"] == .string(pushed))
        #expect(try Self.current(repo, "mx1.lab.test")?.appliedCommit == pushed)
    }

    @Test func thePostReceiveHookReconcilesThePushedCommit() async throws {
        let (repo, _) = try Self.embeddedLab()
        let server = repo.path + "-server.git"
        let controller = repo.path + "-controller"
        defer {
            try? FileManager.default.removeItem(atPath: server)
            try? FileManager.default.removeItem(atPath: controller)
        }
        await #expect(try runProgram(["git", "clone", "-q", "--bare", repo.path, server], environment: Self.gitEnvironment).status == 0)
        await #expect(try runProgram(["git", "clone", "-q", server, controller], environment: Self.gitEnvironment).status == 0)
        let hook = server + "/hooks/post-receive"
        try FileManager.default.copyItem(atPath: TestPaths.packageRoot.appendingPathComponent("examples/hooks/post-receive").path, toPath: hook)

        try repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 6s")
        let pushed = try repo.commitAll("pushed change")
        var environment = Self.gitEnvironment.merging(LabCluster.environment()) { $1 }
        environment["STRATA"] = TestPaths.strata.path
        environment["STRATA_CHECKOUT"] = controller
        let push = try await runProgram(["git", "push", "-q", server, "main"], directory: repo.path, environment: environment)
        #expect(push.status == 0, "\(push)")
        #expect(push.stderr.contains("strata: reconciling main at \(pushed)"), "\(push)")
        for machine in Self.machines {
            let state = try StateStore(directory: controller + "/.strata/state/lab/" + machine).current()?.summary
            #expect(state?.appliedCommit == pushed, "\(machine): \(push)")
        }
    }
}

/// A long-running `strata reconcile`, its standard output in a file the test can read as it grows.
final class ReconcileLoop: @unchecked Sendable {
    private let run: StartedProcess
    private var result: CommandResult?

    init(_ arguments: [String]) throws {
        run = try StartedProcess(TestPaths.strata.path, arguments, environment: LabCluster.environment())
    }

    /// The running process.
    var process: Process { run.process }

    var stdoutText: String { run.stdoutText }

    /// SIGTERM to its own process id, then what it printed.
    @discardableResult
    func stop() async -> CommandResult {
        if let result { return result }
        if run.process.isRunning { kill(run.process.processIdentifier, SIGTERM) }
        let finished = await run.finish()
        result = finished
        return finished
    }
}
