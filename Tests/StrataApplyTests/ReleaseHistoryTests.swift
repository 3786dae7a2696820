import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// Removed machines found through the repository's history: one that was unreachable when the survivors applied
/// the commit that removed it, and every machine of a cluster removed at once (no survivor to name a commit).
@Suite("Release of removed machines found in the history", .serialized)
struct ReleaseHistoryTests {
    @Test(.enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
    func aMachineUnreachableWhenItWasRemovedIsReleasedLater() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test", "mx2.lab.test", "mx3.lab.test"])
        let first = try lab.repo.commitAll("three relays")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        let mx3 = lab.agent("mx3.lab.test")
        let port = mx3.port
        await mx3.stop()

        // mx3 leaves while its agent is down, with another change that the survivors apply.
        try lab.repo.remove("clusters/lab/machines/mx3.lab.test.yaml")
        try lab.repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 7s")
        let second = try lab.repo.commitAll("mx3 leaves, a longer DNS timeout")
        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stderr.contains(
            "warning: lab/mx3.lab.test is no longer in the repository, but its agent could not be read, so it is not released: "), "\(apply)")
        #expect(apply.stdout.contains("Apply complete: 2 applied, 0 unchanged.\n"), "\(apply)")

        // While it is down, status lists it as unknown and still exits 0: a removed machine never fails status.
        let down = try await lab.strata(["status"])
        #expect(down.status == 0, "\(down)")
        #expect(down.stdout.contains(
            "mx3.lab.test: left the repository; its agent could not be read, so whether it was released is not known\n"), "\(down)")

        // Back up: the survivors' commit no longer has mx3, the history does.
        try await mx3.start(port: port)
        let plan = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 machines to create, 0 to update, 2 unchanged, 1 to release (0 changes)\n"), "\(plan)")
        #expect(plan.stdout.contains("\n- mx3.lab.test (cluster lab, left the cluster: will be released, live generation 1, agent \(mx3.url))\n"), "\(plan)")
        let status = try await lab.strata(["status"])
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("mx3.lab.test: left the repository; not released yet (`strata apply` releases it)\n"), "\(status)")

        let released = try await lab.strata(["apply", "--yes"])
        #expect(released.status == 0, "\(released)")
        #expect(released.stdout.contains("lab/mx3.lab.test: released, keeps serving generation 1\n"), "\(released)")
        let after = try JSONParser.parse(try await lab.strata(["status", "--format", "json"]).stdout)
        guard case .array(let rows)? = after["machines"] else { Issue.record("no rows"); return }
        let row = rows.first { $0["machine"] == .string("mx3.lab.test") }
        #expect(row?["applied_commit"] == .string(first))
        #expect(row?["release"]?["commit"] == .string(second))
        let again = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again)")
    }

    @Test(.enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
    func removingEveryMachineOfAClusterReleasesThemAll() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test", "mx2.lab.test"])
        let first = try lab.repo.commitAll("two relays")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.remove("clusters/lab/machines/mx1.lab.test.yaml")
        try lab.repo.remove("clusters/lab/machines/mx2.lab.test.yaml")
        let second = try lab.repo.commitAll("the lab closes")

        let plan = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 machines to create, 0 to update, 0 unchanged, 2 to release (0 changes)\n"), "\(plan)")
        for machine in ["mx1.lab.test", "mx2.lab.test"] {
            let url = lab.agent(machine).url
            #expect(plan.stdout.contains("\n- \(machine) (cluster lab, left the cluster: will be released, live generation 1, agent \(url))\n"), "\(plan)")
        }
        let apply = try await lab.strata(["apply", "--yes"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("lab/mx1.lab.test: released, keeps serving generation 1\n"), "\(apply)")
        #expect(apply.stdout.contains("lab/mx2.lab.test: released, keeps serving generation 1\n"), "\(apply)")

        // Still shown, released, though the cluster has no machine left.
        let status = try await lab.strata(["status", "--format", "json"])
        #expect(status.status == 0, "\(status)")
        guard case .array(let rows)? = try JSONParser.parse(status.stdout)["machines"] else { Issue.record("no rows: \(status)"); return }
        #expect(rows.map { $0["machine"]?.stringValue ?? "" } == ["mx1.lab.test", "mx2.lab.test"])
        #expect(rows.map { $0["applied_commit"] } == [.string(first), .string(first)])
        #expect(rows.map { $0["release"]?["commit"] } == [.string(second), .string(second)])
        let text = try await lab.strata(["status"])
        #expect(text.stdout.contains("mx1.lab.test: left the cluster; released "), "\(text)")
        let again = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again)")
    }
}
