import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// The destructive-change guard against a real `strata agent` process on loopback: nothing reaches the agent until
/// `--allow-destructive` is given.
@Suite("Destructive changes against a real agent", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct DestructiveAgentTests {
    static func generation(_ lab: AgentLab) async throws -> JSON? {
        let status = try await lab.strata(["status", "--format", "json"])
        guard case .array(let rows)? = try JSONParser.parse(status.stdout)["machines"] else { return nil }
        return rows.first?["generation"]
    }

    @Test func anEmptiedHATIsRefusedThenAppliedWithTheFlag() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"])
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.replace("clusters/lab/cluster.yaml", "      hat:\n        - {match: ALL, policy: accept}\n", with: "      hat: []\n")

        let refused = try await lab.strata(["apply", "--yes"])
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.stderr.contains("lab/mx1.lab.test: listeners[IncomingMail].hat: the host access table of listener IncomingMail had 1 row and would be empty (hat_emptied)"), "\(refused)")
        #expect(try await Self.generation(lab) == .int(1))

        let allowed = try await lab.strata(["apply", "--yes", "--allow-destructive"])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(allowed.stdout.contains("lab/mx1.lab.test: applied, now at generation 2"), "\(allowed)")
        #expect(try await Self.generation(lab) == .int(2))
    }
}
