import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// plan, status and apply against agents that refuse, hang, trickle, answer garbage, oversized or deeply nested
/// bodies: each gives a clean per-machine error within its timeout and exit status 1.
@Suite("Against rogue agents", .serialized)
struct RogueAgentTests {
    /// A hang guard: ten times what a command with a 2-second timeout should take, more for a longer one.
    static func guardSeconds(_ rogue: Case) -> TimeInterval { TimeInterval(max(30, 10 * rogue.timeout)) }

    struct Case: Sendable, CustomTestStringConvertible {
        var behaviour: RogueAgent.Behaviour
        var code: String
        var words: String
        /// `--timeout`, in seconds.
        var timeout = 2
        var testDescription: String { "\(behaviour) → \(code)" }
    }

    /// The answers that must be read in full before they are refused get a timeout the rogue server (a
    /// thread of this loaded test process sending 32 MiB) always beats; the others keep 2 s.
    static let cases: [Case] = [
        Case(behaviour: .hang, code: "timeout", words: "did not answer within 2s"),
        Case(behaviour: .trickle, code: "timeout", words: "did not answer within 2s"),
        Case(behaviour: .garbage, code: "transport", words: "the exchange with the agent at"),
        Case(behaviour: .notJSON, code: "bad-response", words: "answered with a state that cannot be read"),
        Case(behaviour: .oversized, code: "bad-response", words: "answered more than 32 MiB; the answer was not read", timeout: 20),
        Case(behaviour: .deeplyNested, code: "bad-response", words: "answered with a state that cannot be read", timeout: 20),
    ]

    @Test(arguments: cases)
    func aRogueAgentGivesACleanErrorWithinTheTimeout(_ rogue: Case) async throws {
        let agent = try RogueAgent(rogue.behaviour)
        defer { agent.stop() }
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: [("mx1.lab.test", agent.url)])
        let machine = "mx1.lab.test"

        let (plan, planSeconds) = try await timed { try await strata(["plan", "--timeout", "\(rogue.timeout)", "--detailed-exitcode", "--repo", repo.path], environment: LabCluster.environment()) }
        #expect(plan.status == 1, "\(plan)")
        #expect(plan.stdout.contains("\(rogue.code): "), "\(plan)")
        #expect(plan.stdout.contains(rogue.words), "\(plan)")
        #expect(plan.stderr.contains("error: 1 machine cannot be applied: \(machine) (\(rogue.code))"), "\(plan)")
        #expect(planSeconds < Self.guardSeconds(rogue), "plan took \(planSeconds) s")

        let (status, statusSeconds) = try await timed { try await strata(["status", "--timeout", "\(rogue.timeout)", "--repo", repo.path], environment: LabCluster.environment()) }
        #expect(status.status == 1, "\(status)")
        #expect(status.stdout.contains("\(machine): [\(rogue.code)] "), "\(status)")
        #expect(statusSeconds < Self.guardSeconds(rogue), "status took \(statusSeconds) s")

        let (apply, applySeconds) = try await timed { try await strata(["apply", "--yes", "--timeout", "\(rogue.timeout)", "--repo", repo.path], environment: LabCluster.environment()) }
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("nothing was applied"), "\(apply)")
        #expect(applySeconds < Self.guardSeconds(rogue), "apply took \(applySeconds) s")
        // No raw control character of the agent's reached the output.
        for result in [plan, status, apply] { #expect(!result.output.contains("\u{1B}") && !result.output.contains("\u{07}")) }
    }

    @Test func aFleetThatIsAllDownFailsTheDriftGateAndTheApply() async throws {
        // Two ports that were just free: nothing listens, every connection is refused.
        let ports = try (0..<2).map { _ in try RogueAgent(.hang) }.map { agent in
            agent.stop()
            return agent.url
        }
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: [("mx1.lab.test", ports[0]), ("mx2.lab.test", ports[1])])
        let gate = try await strata(["plan", "--detailed-exitcode", "--repo", repo.path], environment: LabCluster.environment())
        #expect(gate.status == 1, "\(gate)")
        #expect(gate.stderr.contains("error: 2 machines could not be reached; their drift is unknown"), "\(gate)")
        // Without --detailed-exitcode, plan reports the unreachable machines and succeeds, as before.
        let plan = try await strata(["plan", "--repo", repo.path], environment: LabCluster.environment())
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("unreachable: cannot connect to the agent at \(ports[0])"), "\(plan)")
        let apply = try await strata(["apply", "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("Nothing to apply."), "\(apply)")
        #expect(apply.stderr.contains("error: 2 machines were unreachable and skipped"), "\(apply)")
    }

    @Test func anAgentsHostileWordsAreEscapedInStatusAndCheck() async throws {
        // A state whose commit retitles the terminal and whose applied_by adds a fake row to the table.
        let state = #"{"machine":"mx1.lab.test","version":"15.5.1","generation":3,"current":{"generation":3,"config_hash":"abc","#
            + #""applied_commit":"dead\u001b]0;pwned\u0007","applied_at":"2026-01-01T00:00:00Z","#
            + #""applied_by":"eve\nmx9.lab.test  yes  15.5.1  9","restored_from":null},"#
            + #""configuration":null,"secret_digests":{},"history":[]}"#
        let agent = try RogueAgent(.answer(state))
        defer { agent.stop() }
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: [("mx1.lab.test", agent.url)])
        for command in ["status", "check"] {
            let result = try await strata([command, "--timeout", "5", "--repo", repo.path], environment: LabCluster.environment())
            #expect(!result.output.contains("\u{1B}") && !result.output.contains("\u{07}"), "\(result)")
            #expect(result.stdout.contains(#"dead\x1b]0"#), "\(result)")
            #expect(result.stdout.contains(#"eve\nmx9.lab.test"#), "\(result)")
            #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("mx9") }, "no fake row: \(result)")
        }
    }

    /// Runs `body` and says how long it took.
    /// The result and how long the process itself ran (not how long this test waited to resume).
    private func timed(_ body: () async throws -> CommandResult) async throws -> (CommandResult, TimeInterval) {
        let result = try await body()
        return (result, result.seconds)
    }
}
