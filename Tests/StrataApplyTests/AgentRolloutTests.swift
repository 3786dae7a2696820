import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// plan, apply, status and check against real `strata agent` processes on loopback.
@Suite("Against real agents", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct AgentRolloutTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test", "mx3.lab.test"]

    @Test func planApplyStatusCheckRoundTrip() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        let plan = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Plan: 3 machines to create, 0 to update, 0 unchanged"))
        #expect(plan.stdout.contains("+ mx1.lab.test (cluster lab, create, live generation 0, agent http://127.0.0.1:"))

        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("lab/mx3.lab.test: applied, now at generation 1"))
        #expect(apply.stdout.contains("Apply complete: 3 applied, 0 unchanged."))

        await #expect(try lab.strata(["plan", "--detailed-exitcode"]).status == 0)

        let status = try await lab.strata(["status", "--format", "json"])
        #expect(status.status == 0, "\(status)")
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(rows.map { $0["generation"] } == [.int(1), .int(1), .int(1)])
        #expect(rows.allSatisfy { $0["reachable"] == .bool(true) && $0["version"] == .string("15.5.1") })
        #expect(rows.allSatisfy { $0["agent"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true })

        let check = try await lab.strata(["check"])
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("No drift: 3 machines checked, 0 with drift."))

        // The agent got the secret; the controller's outputs never showed it.
        let secret = LabCluster.environment()[LabCluster.secretVariable] ?? ""
        let written = try String(contentsOfFile: lab.agent("mx1.lab.test").directory + "/gateway/strata.json", encoding: .utf8)
        #expect(written.contains(secret))
        for output in [plan, apply, status, check] { #expect(!output.output.contains(secret)) }
    }

    @Test func neitherTheSecretNorTheTokenReachTheControllersLogs() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"])
        var environment = LabCluster.environment(secret: "log-probe-secret-6610")
        environment["STRATA_LOG_LEVEL"] = "trace"
        let apply = try await lab.strata(["apply", "--yes"], environment: environment)
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stderr.contains("AsyncHTTPClient"), "trace logging is on")
        #expect(!apply.output.contains("log-probe-secret-6610"))
        #expect(!apply.output.contains(LabCluster.token))
    }

    @Test func twoControllersApplyingAtOnceNeverBothWinAMachine() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        // A second working copy of the same cluster, with another DNS timeout.
        let other = try ConfigRepo()
        try LabCluster.write(into: other, machines: lab.agents.map { ($0.machine, $0.url) }, dnsTimeout: "9s")
        let firstPlan = lab.repo.path + "/.agents/first.plan"
        let secondPlan = lab.repo.path + "/.agents/second.plan"
        await #expect(try lab.strata(["plan", "--out", firstPlan]).status == 0)
        await #expect(try strata(["plan", "--repo", other.path, "--out", secondPlan], environment: LabCluster.environment()).status == 0)

        let arguments = ["apply", "--yes", "--parallel", "3", "--format", "json"]
        let first = try StartedProcess(TestPaths.strata.path, arguments + [firstPlan], environment: LabCluster.environment())
        let second = try StartedProcess(TestPaths.strata.path, arguments + [secondPlan], environment: LabCluster.environment())
        let results = [await first.finish(), await second.finish()]

        var appliedBy: [String: Int] = [:]
        for result in results {
            let json = try JSONParser.parse(result.stdout)
            if case .array(let items)? = json["results"] {
                for item in items where item["outcome"] == .string("applied") {
                    appliedBy[item["machine"]?.stringValue ?? "", default: 0] += 1
                }
                // The loser of a machine was told so: a conflict, never a silent overwrite.
                for item in items where item["outcome"] == .string("failed") {
                    #expect(item["error"]?["code"] == .string("conflict"), "\(result)")
                }
            } else {
                #expect(json["refused"] == .string("the plan is stale"), "\(result)")
            }
        }
        #expect(results.contains { $0.status == 1 }, "one controller must lose: \(results)")
        for machine in Self.machines {
            #expect(appliedBy[machine] == 1, "\(machine) applied \(appliedBy[machine] ?? 0) times: \(results)")
        }
        // Nothing lost: each machine has exactly the one generation its winner applied.
        let state = try await JSONParser.parse(try lab.strata(["status", "--format", "json"]).stdout)
        if case .array(let rows)? = state["machines"] {
            #expect(rows.map { $0["generation"] } == [.int(1), .int(1), .int(1)])
        }
    }

    @Test func anAgentThatIsDownIsSkippedAndCaughtUpByTheNextApply() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        let down = lab.agent("mx2.lab.test")
        let port = down.port
        await down.stop()
        // A drift gate fails while a machine is down: its drift is unknown.
        let gate = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(gate.status == 1, "\(gate)")
        #expect(gate.stderr.contains("error: 1 machine could not be reached; its drift is unknown"), "\(gate)")
        let apply = try await lab.strata(["apply", "--yes"])
        // The reachable machines are applied, the unreachable one skipped; the status says the fleet is not all done.
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("error: 1 machine was unreachable and skipped"), "\(apply)")
        #expect(apply.stdout.contains("? mx2.lab.test (cluster lab, unknown, agent http://127.0.0.1:\(port))"))
        #expect(apply.stdout.contains("lab/mx2.lab.test: skipped (cannot connect to the agent at http://127.0.0.1:\(port))"))
        #expect(apply.stdout.contains("Apply complete: 2 applied, 0 unchanged, 1 skipped (unreachable)."))

        try await down.start(port: port)
        let again = try await lab.strata(["apply", "--yes"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("Plan: 1 machine to create, 0 to update, 2 unchanged"))
        #expect(again.stdout.contains("lab/mx2.lab.test: applied, now at generation 1"))
        await #expect(try lab.strata(["check"]).status == 0)
    }

    @Test func aFailingHealthCheckRollsTheMachineBackAndStopsTheRollout() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        lab.agent("mx2.lab.test").failHealth()
        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("lab/mx1.lab.test: applied, now at generation 2"))
        #expect(apply.stdout.contains("lab/mx2.lab.test: failed [health-failed]"))
        #expect(apply.stdout.contains("health: port 25 does not answer"))
        #expect(apply.stdout.contains("lab/mx3.lab.test: not attempted (the rollout stopped at an earlier failure)"))
        #expect(apply.stdout.contains("Apply stopped at a failure: 1 applied, 0 unchanged, 1 failed, 1 not attempted."))

        let check = try await lab.strata(["check", "--format", "json"])
        #expect(check.status == 2)
        let json = try JSONParser.parse(check.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines"); return }
        let inSync = Dictionary(uniqueKeysWithValues: rows.map { ($0["machine"]?.stringValue ?? "", $0["in_sync"]) })
        #expect(inSync["mx1.lab.test"] == .bool(true))
        #expect(inSync["mx2.lab.test"] == .bool(false), "mx2 runs its previous configuration again")
        #expect(inSync["mx3.lab.test"] == .bool(false), "mx3 was left untouched")
        let mx3 = try #require(rows.first { $0["machine"] == .string("mx3.lab.test") })
        #expect(mx3["generation"] == .int(1))
    }

    @Test func aVersionOtherThanRequiredIsReportedAndNothingIsApplied() async throws {
        let lab = try await AgentLab(machines: Self.machines, versions: ["mx3.lab.test": "15.4.2"])
        let plan = try await lab.strata(["plan"])
        #expect(plan.status == 1, "\(plan)")
        #expect(plan.stdout.contains("version-mismatch: mx3.lab.test runs version 15.4.2, but the cluster requires 15.5.1"))
        #expect(plan.stderr.contains("error: 1 machine cannot be applied: mx3.lab.test (version-mismatch)"))
        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 1)
        let status = try await lab.strata(["status"])
        #expect(status.status == 1)
        #expect(status.stdout.contains("15.4.2 (!)"))
        #expect(!FileManager.default.fileExists(atPath: lab.agent("mx1.lab.test").directory + "/gateway/strata.json"))
    }

    @Test func aWrongTokenIsReportedPerMachine() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"])
        var environment = LabCluster.environment()
        environment[LabCluster.tokenVariable] = "not-the-token"
        let status = try await lab.strata(["status"], environment: environment)
        #expect(status.status == 1)
        #expect(status.stdout.contains("mx1.lab.test: [unauthorized]"), "\(status)")
        environment[LabCluster.tokenVariable] = nil
        let missing = try await StrataApplyTests.strata(["status", "--repo", lab.repo.path], environment: environment, unset: [LabCluster.tokenVariable])
        #expect(missing.stdout.contains("[configuration] the agents' token of cluster lab is unavailable: secret env:LAB_AGENT_TOKEN is not set"), "\(missing)")
    }
}
