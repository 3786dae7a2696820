import Foundation
import Testing
import StrataModel
import StrataState
import StrataTestSupport

/// A machine removed from the repository is released, not wiped: plan, apply, status and re-joining, against real
/// agents found through the commit the machines last applied, and with the embedded store.
@Suite("Release of removed machines", .serialized)
struct ReleaseTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test", "mx3.lab.test"]

    @Test(.enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
    func aRemovedMachinesAgentIsReleasedAndKeepsItsGeneration() async throws {
        let lab = try await AgentLab(machines: Self.machines)
        let first = try lab.repo.commitAll("three relays")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        let mx3 = lab.agent("mx3.lab.test")
        let served = FileManager.default.contents(atPath: mx3.directory + "/gateway/strata.json")
        #expect(served != nil)

        try lab.repo.remove("clusters/lab/machines/mx3.lab.test.yaml")
        let second = try lab.repo.commitAll("mx3 leaves")
        let plan = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 machines to create, 0 to update, 2 unchanged, 1 to release (0 changes)\n"), "\(plan)")
        #expect(plan.stdout.contains("\n- mx3.lab.test (cluster lab, left the cluster: will be released, live generation 1, agent \(mx3.url))\n"), "\(plan)")
        let json = try JSONParser.parse(try await lab.strata(["plan", "--format", "json"]).stdout)
        #expect(json["summary"]?["delete"] == .int(1))
        guard case .array(let planned)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(planned.map { $0["action"]?.stringValue ?? "" } == ["noop", "noop", "delete"])
        #expect(planned.last?["machine"] == .string("mx3.lab.test"))
        #expect(planned.last?["generation"] == .int(1))

        // Through a saved plan, so the plan file carries the release.
        let planFile = lab.repo.path + "/.agents/release.plan"
        await #expect(try lab.strata(["plan", "--out", planFile]).status == 0)
        let apply = try await StrataApplyTests.strata(["apply", planFile, "--yes", "--format", "json"], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")
        let applied = try JSONParser.parse(apply.stdout)
        guard case .array(let results)? = applied["results"] else { Issue.record("no results: \(apply)"); return }
        let released = results.first { $0["machine"] == .string("mx3.lab.test") }
        #expect(released?["outcome"] == .string("released"))
        #expect(released?["generation_after"] == .int(1))
        #expect(applied["summary"]?["released"] == .int(1))

        // The agent keeps its generation and what its backend serves; it records the release.
        #expect(FileManager.default.contents(atPath: mx3.directory + "/gateway/strata.json") == served)
        let status = try await lab.strata(["status", "--format", "json"])
        #expect(status.status == 0, "\(status)")
        guard case .array(let rows)? = try JSONParser.parse(status.stdout)["machines"] else { Issue.record("no rows"); return }
        #expect(rows.map { $0["machine"]?.stringValue ?? "" } == Self.machines)
        let row = rows.last
        #expect(row?["generation"] == .int(1))
        #expect(row?["applied_commit"] == .string(first))
        #expect(row?["release"]?["cluster"] == .string("lab"))
        #expect(row?["release"]?["commit"] == .string(second))
        #expect(row?["release"]?["generation"] == .int(1))
        #expect(rows.first?["release"] == .null)
        let text = try await lab.strata(["status"])
        #expect(text.stdout.contains("mx3.lab.test: left the cluster; released "), "\(text)")
        #expect(text.stdout.contains("(commit \(second.prefix(10))), keeps serving generation 1\n"), "\(text)")

        // Released once: the next plan is clean.
        let again = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("No changes"))

        // It re-joins: back in the repository, applying makes it a member again (a new generation, no release).
        _ = try await runProgram(["git", "checkout", first, "--", "clusters/lab/machines/mx3.lab.test.yaml"], directory: lab.repo.path)
        let back = try await lab.strata(["plan"])
        #expect(back.stdout.contains("~ mx3.lab.test (cluster lab, update, live generation 1, agent \(mx3.url))"), "\(back)")
        #expect(back.stdout.contains("note: it was released from cluster lab at "), "\(back)")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        let rejoined = try JSONParser.parse(try await lab.strata(["status", "--format", "json"]).stdout)
        guard case .array(let after)? = rejoined["machines"] else { Issue.record("no rows"); return }
        #expect(after.last?["generation"] == .int(2))
        #expect(after.last?["release"] == .null)
    }

    /// Released while the repository still has it (here by a plan file made while it was gone): `status` says so.
    @Test func aMemberReleasedByAStalePlanFileSaysSoInStatus() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let environment = EmbeddedEndToEndTests.environment
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: environment).status == 0)
        let machine = "clusters/americas/machines/buttercup.run.yaml"
        let file = try repo.read(machine)
        try repo.remove(machine)
        let planFile = FileManager.default.temporaryDirectory.appendingPathComponent("release-\(UUID().uuidString).plan").path
        defer { try? FileManager.default.removeItem(atPath: planFile) }
        await #expect(try strata(["plan", "--repo", repo.path, "--out", planFile], environment: environment).status == 0)
        try repo.write(machine, file)
        let apply = try await strata(["apply", "--repo", repo.path, "--yes", planFile], environment: environment)
        #expect(apply.status == 0, "\(apply)")
        let status = try await strata(["status", "--repo", repo.path], environment: environment)
        #expect(status.status == 0, "\(status)")
        let line = status.stdout.split(separator: "\n").first { $0.hasPrefix("buttercup.run: released ") }
        #expect(line?.hasSuffix(" although the repository still has it; the next `strata apply` re-joins it") == true, "\(status)")
    }

    @Test func theEmbeddedStoreReleasesARemovedMachine() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let environment = EmbeddedEndToEndTests.environment
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: environment).status == 0)
        let file = try repo.read("clusters/americas/machines/buttercup.run.yaml")
        try repo.remove("clusters/americas/machines/buttercup.run.yaml")

        let plan = try await strata(["plan", "--repo", repo.path], environment: environment)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 machines to create, 0 to update, 2 unchanged, 1 to release (0 changes)\n"), "\(plan)")
        #expect(plan.stdout.contains(
            "\n- buttercup.run (cluster americas, left the cluster: will be released, live generation 1, embedded state .strata/state/americas/buttercup.run)\n"),
            "\(plan)")
        let markdown = try await strata(["plan", "--repo", repo.path, "--format", "markdown"], environment: environment)
        #expect(markdown.stdout.contains("| `buttercup.run` | americas | release | 1 | 0 |\n"), "\(markdown)")
        let github = try await strata(["plan", "--repo", repo.path, "--format", "github"], environment: environment)
        #expect(github.stdout == "::notice title=buttercup.run%3A release::left cluster americas: will be released, keeps serving generation 1\n", "\(github)")

        let apply = try await strata(["apply", "--repo", repo.path, "--yes"], environment: environment)
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("americas/buttercup.run: releasing (left the cluster, at generation 1)\n"), "\(apply)")
        #expect(apply.stdout.contains("americas/buttercup.run: released, keeps serving generation 1\n"), "\(apply)")
        #expect(apply.stdout.contains("Apply complete: 0 applied, 2 unchanged, 1 released.\n"), "\(apply)")
        let state = try repo.store("americas", "buttercup.run").state(machine: "buttercup.run", version: "x")
        #expect(state.generation == 1)
        #expect(state.release?.cluster == "americas")
        #expect(state.release?.by?.hasPrefix("ops@") == true)
        #expect(state.release?.generation == 1)

        let status = try await strata(["status", "--repo", repo.path], environment: environment)
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("buttercup.run: left the cluster; released "), "\(status)")
        let again = try await strata(["plan", "--repo", repo.path, "--detailed-exitcode"], environment: environment)
        #expect(again.status == 0, "\(again)")

        try repo.write("clusters/americas/machines/buttercup.run.yaml", file)
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: environment).status == 0)
        let rejoined = try repo.store("americas", "buttercup.run").state(machine: "buttercup.run", version: "x")
        #expect(rejoined.generation == 2)
        #expect(rejoined.release == nil)
    }

    @Test(.enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
    func aMachineThatMovedToAnotherClusterIsNotReleased() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test", "mx2.lab.test"])
        _ = try lab.repo.commitAll("two relays")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        // mx2 moves to cluster `other` and is applied there.
        for file in ["cluster.yaml", "groups/main.yaml", "machines/mx2.lab.test.yaml"] {
            try lab.repo.write("clusters/other/" + file, try lab.repo.read("clusters/lab/" + file))
        }
        try lab.repo.remove("clusters/lab/machines/mx2.lab.test.yaml")
        _ = try lab.repo.commitAll("mx2 moves to other")
        let other = try await lab.strata(["apply", "--yes", "--cluster", "other"])
        #expect(other.status == 0, "\(other)")
        // The same configuration: nothing to apply, so mx2's last commit is still one that had it in lab.
        #expect(other.stdout.contains("Nothing to apply."), "\(other)")

        // Seen from cluster lab alone, mx2 is gone from lab's files, but the working tree has it in `other`.
        let plan = try await lab.strata(["plan", "--cluster", "lab", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
        #expect(!plan.stdout.contains("mx2.lab.test"), "\(plan)")
        let both = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(both.status == 0, "\(both)")
    }

    @Test(.enabled(if: AgentAvailability.works, "`strata agent` is not available in this build"))
    func aMachineTakenOverByAnotherRepositoryIsNotReleased() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test", "mx2.lab.test"])
        _ = try lab.repo.commitAll("two relays")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        try lab.repo.remove("clusters/lab/machines/mx2.lab.test.yaml")
        _ = try lab.repo.commitAll("mx2 leaves")
        // Another repository takes mx2 over first: its last commit is one this repository does not have.
        let other = try ConfigRepo()
        try LabCluster.write(into: other, machines: [("mx2.lab.test", lab.agent("mx2.lab.test").url)], dnsTimeout: "9s")
        // Its own address (the lab gives the second machine .11): only the DNS timeout changes, nothing destructive.
        try other.replace("clusters/lab/machines/mx2.lab.test.yaml", "198.51.100.10/24", with: "198.51.100.11/24")
        _ = try other.commitAll("mx2 joins another fleet")
        let taken = try await strata(["apply", "--repo", other.path, "--yes"], environment: LabCluster.environment())
        #expect(taken.status == 0, "\(taken)")
        let plan = try await lab.strata(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
        #expect(!plan.stdout.contains("mx2.lab.test"), "\(plan)")
    }

    @Test func anUnreadableCommitIsAWarningNotAFailure() async throws {
        let lab = try await AgentLab(machines: ["mx1.lab.test"])
        _ = try lab.repo.commitAll("one relay")
        await #expect(try lab.strata(["apply", "--yes"]).status == 0)
        // The history is gone: the commit the machine applied no longer exists.
        try FileManager.default.removeItem(atPath: lab.repo.path + "/.git")
        _ = try lab.repo.commitAll("a new history")
        let plan = try await lab.strata(["plan"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stderr.contains("warning: lab: commit "), "\(plan)")
        #expect(plan.stderr.contains("which machines of the cluster last applied, cannot be read"), "\(plan)")
    }
}
