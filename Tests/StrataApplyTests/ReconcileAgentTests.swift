import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// `strata reconcile` against real `strata agent` processes: commits recorded per machine, rollback by default.
@Suite("Reconcile against real agents", .serialized, .enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
struct ReconcileAgentTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test", "mx3.lab.test"]

    /// A lab whose repository is a git repository (the agents' directories ignored).
    static func committedLab() async throws -> (AgentLab, String) {
        let lab = try await AgentLab(machines: machines)
        await #expect(try runProgram(["git", "init", "-q", "-b", "main"], directory: lab.repo.path).status == 0)
        try lab.repo.write(".gitignore", ".strata/\n.agents/\n")
        return (lab, try lab.repo.commitAll("first"))
    }

    static func reconcile(_ lab: AgentLab) async throws -> (CommandResult, [JSON]) {
        let result = try await lab.strata(["reconcile", "--once"])
        return (result, try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) })
    }

    static func appliedCommits(_ lab: AgentLab) async throws -> [String: JSON] {
        let status = try await lab.strata(["status", "--format", "json"])
        guard case .array(let rows)? = try JSONParser.parse(status.stdout)["machines"] else { return [:] }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["machine"]?.stringValue ?? "", $0["applied_commit"] ?? .null) })
    }

    @Test func everyAgentRecordsTheCommitAndAFailureIsRolledBack() async throws {
        let (lab, first) = try await Self.committedLab()
        let (run, _) = try await Self.reconcile(lab)
        #expect(run.status == 0, "\(run)")
        await #expect(try Self.appliedCommits(lab) == Dictionary(uniqueKeysWithValues: Self.machines.map { ($0, JSON.string(first)) }))

        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        let second = try lab.repo.commitAll("longer timeout")
        lab.agent("mx2.lab.test").failHealth()
        let (failed, events) = try await Self.reconcile(lab)
        #expect(failed.status == 1, "\(failed)")
        let rollbacks = events.filter { $0["event"] == .string("rollback") }
        #expect(rollbacks.map { $0["machine"] } == [.string("mx1.lab.test")], "\(failed)")
        #expect(rollbacks.first?["commit"] == .string(second))
        #expect(rollbacks.first?["rollback"]?["restored_from"] == .int(1))
        // mx1 is back on the first commit's configuration (the rollback restores its commit too).
        await #expect(try Self.appliedCommits(lab) == Dictionary(uniqueKeysWithValues: Self.machines.map { ($0, JSON.string(first)) }))
    }
}
