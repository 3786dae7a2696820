import Foundation
import Testing
import StrataModel
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// The controller dying or racing itself: a SIGKILLed apply rerun to completion, two reconcilers on one branch.
@Suite("Controller faults", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct ControllerFaultTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test", "mx3.lab.test"]

    /// Polls `condition` every 50 ms until it holds; fails the test after `seconds` (a hang guard).
    static func wait(_ what: String, seconds: Double = 30, _ condition: () throws -> Bool) async throws {
        try await Wait.until(what, seconds: seconds, interval: 0.05, condition)
    }

    static func generations(_ lab: AgentLab) async throws -> [String: JSON] {
        let status = try await lab.strata(["status", "--format", "json"])
        guard case .array(let rows)? = try JSONParser.parse(status.stdout)["machines"] else { throw LabError("\(status)") }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["machine"]?.stringValue ?? "", $0["generation"] ?? .null) })
    }

    @Test func aControllerKilledMidRolloutIsRerunToCompletionWithNothingTorn() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        let first = lab.agent("mx1.lab.test")
        let started = first.directory + "/apply-started"
        let release = first.directory + "/release"
        // mx1's apply command says it began, then waits to be released (at most 50 s, within the lab backend's 60 s:
        // a starved test must not see the controller finish before its SIGKILL lands).
        let script = """
            #!/bin/sh
            touch '\(started)'
            i=0
            while [ ! -e '\(release)' ] && [ $i -lt 500 ]; do sleep 0.1; i=$((i+1)); done
            echo "applied generation $STRATA_GENERATION"

            """
        try writeExecutable(script, to: first.directory + "/apply.sh")

        let apply = try StartedProcess(TestPaths.strata.path, ["apply", "--yes", "--repo", lab.repo.path], environment: LabCluster.environment())
        try await Self.wait("mx1's apply command to start") { FileManager.default.fileExists(atPath: started) }
        kill(apply.process.processIdentifier, SIGKILL)
        let killed = await apply.finish()
        #expect(killed.status == SIGKILL, "\(killed)")
        _ = FileManager.default.createFile(atPath: release, contents: Data())
        // The agent finishes (or abandons) the apply it had begun on its own; its request line says when.
        try await Self.wait("mx1's agent to end the apply") { first.log.contains("path=/v1/apply") }
        #expect(!FileManager.default.fileExists(atPath: lab.agent("mx2.lab.test").directory + "/gateway/strata.json"), "mx2 was never started")

        let rerun = try await lab.strata(["apply", "--yes"])
        #expect(rerun.status == 0, "\(rerun)")
        // Every machine ends at generation 1: applied exactly once, by whichever run got there, and not torn.
        await #expect(try Self.generations(lab) == Dictionary(uniqueKeysWithValues: Self.machines.map { ($0, JSON.int(1)) }))
        let check = try await lab.strata(["check"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("No drift: 3 machines checked, 0 with drift."), "\(check)")
    }

    @Test func twoReconcilersRacingOnOneBranchApplyEachMachineOnce() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        await #expect(try runProgram(["git", "init", "-q", "-b", "main"], directory: lab.repo.path).status == 0)
        try lab.repo.write(".gitignore", ".strata/\n.agents/\n")
        let commit = try lab.repo.commitAll("first")
        let arguments = ["reconcile", "--once", "--repo", lab.repo.path]
        let racers = try (0..<2).map { _ in try StartedProcess(TestPaths.strata.path, arguments, environment: LabCluster.environment()) }
        var results: [CommandResult] = []
        for racer in racers { results.append(await racer.finish()) }

        var applied: [String: Int] = [:]
        for result in results {
            for line in result.stdout.split(separator: "\n") {
                let event = try JSONParser.parse(String(line))
                guard event["event"] == .string("apply"), let machine = event["machine"]?.stringValue else { continue }
                switch event["outcome"]?.stringValue {
                case "applied": applied[machine, default: 0] += 1
                // The loser of a machine is told so; it never applies over the winner.
                case "failed": #expect(event["error"]?["code"] == .string("conflict"), "\(result)")
                default: break
                }
            }
        }
        #expect(applied == Dictionary(uniqueKeysWithValues: Self.machines.map { ($0, 1) }), "\(results)")
        await #expect(try Self.generations(lab) == Dictionary(uniqueKeysWithValues: Self.machines.map { ($0, JSON.int(1)) }))
        let status = try await JSONParser.parse(try lab.strata(["status", "--format", "json"]).stdout)
        guard case .array(let rows)? = status["machines"] else { Issue.record("no machines"); return }
        #expect(rows.allSatisfy { $0["applied_commit"] == .string(commit) })
    }

    /// Another controller moves a machine while this apply is under way: the apply stops at the conflict and
    /// rolls nothing back (undoing its own work would also undo the other controller's commit).
    @Test func aConflictStopsTheRolloutWithoutRollingBack() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test", "mx2.lab.test"])
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 6s")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 6s", with: "timeout: 7s")
        let first = lab.agent("mx1.lab.test")
        let started = first.directory + "/apply-started"
        let release = first.directory + "/release"
        let script = """
            #!/bin/sh
            touch '\(started)'
            i=0
            while [ ! -e '\(release)' ] && [ $i -lt 500 ]; do sleep 0.1; i=$((i+1)); done

            """
        try writeExecutable(script, to: first.directory + "/apply.sh")

        let apply = try StartedProcess(
            TestPaths.strata.path, ["apply", "--yes", "--rollback-on-failure", "--repo", lab.repo.path],
            environment: LabCluster.environment())
        try await Self.wait("mx1's apply command to start") { FileManager.default.fileExists(atPath: started) }
        // The other controller: mx2 restores its generation 1 as generation 3, so the plan's generation 2 is stale.
        let second = lab.agent("mx2.lab.test")
        let moved = try await runProgram([
            "curl", "-s", "-f", "-X", "POST", "-H", "Authorization: Bearer \(LabCluster.token)",
            "-d", #"{"machine": "mx2.lab.test", "expected_generation": 2, "to_generation": 1, "applied_by": "other"}"#,
            second.url + "/v1/rollback",
        ])
        #expect(moved.status == 0, "\(moved)")
        _ = FileManager.default.createFile(atPath: release, contents: Data())
        let result = await apply.finish()

        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("lab/mx1.lab.test: applied, now at generation 3"), "\(result)")
        #expect(result.stdout.contains("lab/mx2.lab.test: failed [conflict]"), "\(result)")
        #expect(!result.stdout.contains("rolled back"), "\(result)")
        await #expect(try Self.generations(lab) == ["mx1.lab.test": .int(3), "mx2.lab.test": .int(3)])
    }
}
