import Foundation
import Testing
import StrataApply
import StrataPlan
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// `apply --rollback-on-failure` and stopping a rollout with a signal, against real `strata agent` processes.
@Suite("Rollback on failure", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct RollbackOnFailureTests {
    static let machines = (1...5).map { "mx\($0).lab.test" }

    /// The agent's own `GET /v1/state`, read with curl.
    static func agentState(_ agent: LabAgent) async throws -> AgentState {
        let answer = try await runProgram([
            "curl", "-s", "-f", "-H", "Authorization: Bearer \(LabCluster.token)", agent.url + AgentAPI.statePath,
        ])
        #expect(answer.status == 0, "\(answer)")
        return try AgentState(json: try JSONParser.parse(answer.stdout))
    }

    @Test func aHealthFailureOnTheThirdOfFiveRollsTheFirstTwoBackAndLeavesTheLastTwo() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        let firstWritten = try String(contentsOfFile: lab.agent("mx1.lab.test").directory + "/gateway/strata.json", encoding: .utf8)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        lab.agent("mx3.lab.test").failHealth()

        let apply = try await lab.strata(["apply", "--yes", "--rollback-on-failure"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("lab/mx1.lab.test: applied, now at generation 2"), "\(apply)")
        #expect(apply.stdout.contains("lab/mx3.lab.test: failed [health-failed]"))
        #expect(apply.stdout.contains("lab/mx2.lab.test: rolled back, now at generation 3, restoring generation 1"))
        #expect(apply.stdout.contains("lab/mx1.lab.test: rolled back, now at generation 3, restoring generation 1"))
        #expect(apply.stdout.contains("lab/mx4.lab.test: not attempted (the rollout stopped at an earlier failure)"))
        #expect(apply.stdout.contains("Apply stopped at a failure: 2 applied, 0 unchanged, 1 failed, 2 not attempted, 2 rolled back."))
        // Newest first: mx2 is rolled back before mx1.
        let mx2Line = try #require(apply.stdout.range(of: "lab/mx2.lab.test: rolled back"))
        let mx1Line = try #require(apply.stdout.range(of: "lab/mx1.lab.test: rolled back"))
        #expect(mx2Line.lowerBound < mx1Line.lowerBound)

        var states: [String: AgentState] = [:]
        for agent in lab.agents { states[agent.machine] = try await Self.agentState(agent) }
        for machine in ["mx1.lab.test", "mx2.lab.test"] {
            #expect(states[machine]?.generation == 3, "\(machine)")
            #expect(states[machine]?.current?.restoredFrom == 1, "\(machine)")
            #expect(states[machine]?.current?.configHash == states[machine]?.history.first { $0.generation == 1 }?.configHash)
        }
        #expect(states["mx3.lab.test"]?.generation == 1, "the agent put mx3 back itself and committed nothing")
        for machine in ["mx3.lab.test", "mx4.lab.test", "mx5.lab.test"] {
            #expect(states[machine]?.current?.restoredFrom == nil, "\(machine)")
        }
        #expect(states["mx4.lab.test"]?.generation == 1)
        #expect(states["mx5.lab.test"]?.generation == 1)
        // The rolled-back machines run the first configuration again: the backend file holds it.
        let written = try String(contentsOfFile: lab.agent("mx1.lab.test").directory + "/gateway/strata.json", encoding: .utf8)
        #expect(written == firstWritten)
    }

    @Test func theJSONResultSaysWhichMachinesWereRolledBack() async throws {
        let lab = try await AgentLab(machines: Array(Self.machines.prefix(3)))
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        lab.agent("mx2.lab.test").failHealth()
        let apply = try await lab.strata(["apply", "--yes", "--rollback-on-failure", "--format", "json"])
        #expect(apply.status == 1, "\(apply)")
        let json = try JSONParser.parse(apply.stdout)
        guard case .array(let rows)? = json["results"] else { Issue.record("no results: \(apply)"); return }
        let byMachine = Dictionary(uniqueKeysWithValues: rows.map { ($0["machine"]?.stringValue ?? "", $0) })
        #expect(byMachine["mx1.lab.test"]?["outcome"] == .string("applied"))
        #expect(byMachine["mx1.lab.test"]?["rollback"]?["outcome"] == .string("rolled-back"))
        #expect(byMachine["mx1.lab.test"]?["rollback"]?["generation"] == .int(3))
        #expect(byMachine["mx1.lab.test"]?["rollback"]?["restored_from"] == .int(1))
        #expect(byMachine["mx2.lab.test"]?["outcome"] == .string("failed"))
        #expect(byMachine["mx2.lab.test"]?["rollback"] == .null)
        #expect(byMachine["mx3.lab.test"]?["outcome"] == .string("not-attempted"))
        #expect(byMachine["mx3.lab.test"]?["rollback"] == .null)
        #expect(json["summary"]?["rolled_back"] == .int(1))
        #expect(json["summary"]?["rollback_failed"] == .int(0))
        #expect(json["interrupted"] == .bool(false))
    }

    @Test func aMachineCreatedByTheFailedApplyHasNothingToGoBackTo() async throws {
        let lab = try await AgentLab(machines: Array(Self.machines.prefix(2)))
        lab.agent("mx2.lab.test").failHealth()
        let apply = try await lab.strata(["apply", "--yes", "--rollback-on-failure"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("lab/mx1.lab.test: rollback failed [not-found] mx1.lab.test had no configuration before this rollout"), "\(apply)")
        #expect(apply.stdout.contains("1 rollback failed."), "\(apply)")
        await #expect(try Self.agentState(lab.agent("mx1.lab.test")).generation == 1)
    }

    @Test func withoutTheFlagNothingIsRolledBack() async throws {
        let lab = try await AgentLab(machines: Array(Self.machines.prefix(3)))
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        lab.agent("mx2.lab.test").failHealth()
        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 1, "\(apply)")
        #expect(!apply.stdout.contains("rolled back"))
        await #expect(try Self.agentState(lab.agent("mx1.lab.test")).generation == 2)
    }

    @Test func aSignalStopsTheRolloutBetweenMachines() async throws {
        let lab = try await AgentLab(machines: Array(Self.machines.prefix(4)))
        // mx2's apply command takes a while: the signal arrives while mx2 is being changed.
        let slow = lab.agent("mx2.lab.test").directory + "/apply.sh"
        let started = lab.agent("mx2.lab.test").directory + "/apply-started"
        try writeExecutable("#!/bin/sh\ntouch '\(started)'\nsleep 3\necho applied\nexit 0\n", to: slow)
        let run = try StartedProcess(
            TestPaths.strata.path, ["apply", "--yes", "--rollback-on-failure", "--repo", lab.repo.path], environment: LabCluster.environment())
        // Wait until mx2's apply command has started (it takes 3 s, mx1 is done by then), then ask the controller to stop.
        try await Wait.until("mx2's apply command to start", seconds: 60) { FileManager.default.fileExists(atPath: started) }
        await #expect(try Self.agentState(lab.agent("mx1.lab.test")).generation == 1)
        kill(run.process.processIdentifier, SIGTERM)
        let result = await run.finish()
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("lab/mx2.lab.test: applied, now at generation 1"), "mx2 is finished, not cut off: \(result)")
        #expect(result.stdout.contains("lab/mx3.lab.test: not attempted (the rollout was stopped by a signal)"))
        #expect(result.stdout.contains("Apply stopped by a signal: 2 applied, 0 unchanged, 2 not attempted."))
        await #expect(try Self.agentState(lab.agent("mx3.lab.test")).generation == 0)
        await #expect(try Self.agentState(lab.agent("mx2.lab.test")).generation == 1, "a stop is not a failure: nothing rolled back")
    }
}

/// The embedded agent's rollback, through its state store.
@Suite("Embedded rollback")
struct EmbeddedRollbackTests {
    @Test func aRollbackRestoresAnEarlierGenerationAsANewOne() async throws {
        let repo = try ConfigRepo()
        let directory = repo.path + "/.strata/state/lab/mx1.lab.test"
        let agent = EmbeddedAgent(directory: directory, machine: MachineName("mx1.lab.test"), version: "embedded")
        let first = JSON.object([("timeout", .int(5))])
        let second = JSON.object([("timeout", .int(7))])
        _ = try await agent.apply(ApplyRequest(
            machine: "mx1.lab.test", expectedGeneration: 0, configuration: first, secrets: ["s": "one"], commit: "aaa", appliedBy: "t"))
        _ = try await agent.apply(ApplyRequest(
            machine: "mx1.lab.test", expectedGeneration: 1, configuration: second, secrets: ["s": "two"], commit: "bbb", appliedBy: "t"))
        let state = try await agent.rollback(RollbackRequest(machine: "mx1.lab.test", expectedGeneration: 2, toGeneration: 1, appliedBy: "t"))
        #expect(state.generation == 3)
        #expect(state.current?.restoredFrom == 1)
        #expect(state.current?.appliedCommit == "aaa")
        #expect(state.configuration == first)
        let stored = try #require(try StateStore(directory: directory).current())
        #expect(stored.secrets == ["s": "one"])

        await #expect(throws: AgentCallError.self) {
            _ = try await agent.rollback(RollbackRequest(machine: "mx1.lab.test", expectedGeneration: 2, toGeneration: 1, appliedBy: "t"))
        }
        do {
            _ = try await agent.rollback(RollbackRequest(machine: "mx1.lab.test", expectedGeneration: 3, toGeneration: 3, appliedBy: "t"))
            Issue.record("a rollback to the current generation was accepted")
        } catch {
            #expect(error.code == .malformed)
        }
    }
}
