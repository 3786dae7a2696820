import Foundation
import Testing
import StrataModel

/// The one rule for token and secret files (trailing spaces, tabs, CR and LF removed), seen from the controller
/// against a real agent process.
@Suite("Token files from the controller", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct TokenWhitespaceTests {
    @Test func aTokenFileEndingInWhitespaceAuthenticatesAgainstARealAgent() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"], agentsBlock: "{tls: off, token: {file: agent-token.txt}}")
        try lab.repo.write("agent-token.txt", LabCluster.token + " \t\r\n")

        let status = try await lab.strata(["status", "--format", "json"])
        #expect(status.status == 0, "\(status)")
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines: \(status)"); return }
        #expect(rows.map { $0["reachable"] } == [.bool(true)], "\(status)")
        #expect(rows.map { $0["generation"] } == [.int(0)], "\(status)")

        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("lab/mx1.lab.test: applied, now at generation 1"), "\(apply)")
    }

    @Test func aTokenFileWithAnotherTokenIsStillRefused() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"], agentsBlock: "{tls: off, token: {file: agent-token.txt}}")
        // Only trailing whitespace goes: a leading space is part of the token, and so it is wrong.
        try lab.repo.write("agent-token.txt", " " + LabCluster.token + "\n")
        let status = try await lab.strata(["status", "--format", "json"])
        #expect(status.status == 1, "\(status)")
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let rows)? = json["machines"] else { Issue.record("no machines: \(status)"); return }
        #expect(rows.map { $0["error"]?["code"] } == [.string("unauthorized")], "\(status)")
    }
}
