import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// `apply PLANFILE` judges a saved plan's configuration against the live one read at apply time: a plan file written
/// before the guard (no `destructive` field) or edited by hand cannot carry a destructive change past it.
@Suite("Destructive-change guard on saved plans", .serialized)
struct DestructiveSavedPlanTests {
    /// `json` with every `destructive` field removed, as a plan file from before the guard has none.
    static func withoutFindings(_ json: JSON) -> JSON {
        switch json {
        case .object(let fields): .object(fields.filter { $0.0 != "destructive" }.map { ($0.0, withoutFindings($0.1)) })
        case .array(let items): .array(items.map(withoutFindings))
        default: json
        }
    }

    @Test func aPlanFileWithoutFindingsIsJudgedAgainAtApplyTime() async throws {
        let repo = try await DestructiveGuardTests.appliedLab()
        try repo.replace(DestructiveGuardTests.cluster, DestructiveGuardTests.hat, with: "      hat: []\n")
        let file = repo.path + "/before-the-guard.plan"
        let plan = try await strata(["plan", "--out", file, "--repo", repo.path], environment: LabCluster.environment())
        #expect(plan.status == 0, "\(plan)")
        let saved = try JSONParser.parse(try String(contentsOfFile: file, encoding: .utf8))
        let stripped = Self.withoutFindings(saved).rendered()
        #expect(saved.rendered().contains("\"destructive\"") && !stripped.contains("\"destructive\""))
        try stripped.write(toFile: file, atomically: true, encoding: .utf8)

        let refused = try await strata(["apply", file, "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(refused.status == 3, "\(refused)")
        let finding = "listeners[IncomingMail].hat: the host access table of listener IncomingMail had 1 row and would be empty (hat_emptied)"
        #expect(refused.stderr.hasPrefix("""
            error: the plan has destructive changes on 2 machines; nothing was applied:
              lab/mx1.lab.test: \(finding)
              lab/mx2.lab.test: \(finding)

            """), "\(refused)")
        for name in ["mx1.lab.test", "mx2.lab.test"] { #expect(try repo.generation("lab", name) == 1) }

        let allowed = try await strata(["apply", file, "--yes", "--allow-destructive", "--repo", repo.path], environment: LabCluster.environment())
        #expect(allowed.status == 0, "\(allowed)")
        for name in ["mx1.lab.test", "mx2.lab.test"] { #expect(try repo.generation("lab", name) == 2) }
    }
}
