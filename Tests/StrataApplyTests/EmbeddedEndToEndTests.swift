import Foundation
import Testing
import StrataModel
import StrataState
import StrataTestSupport

/// The embedded default (no `agents:` block) through the real `strata` binary, on a copy of examples/americas.
@Suite("Embedded default, end to end")
struct EmbeddedEndToEndTests {
    static let secret = "americas-ldap-Qm9v-7731"
    static let environment = ["AMERICAS_LDAP_PASSWORD": secret, "USER": "ops"]
    static let machines = ["buttercup.run", "losangeles.example.com", "newyork.example.com"]

    @Test func planApplyThenPlanAgainShowsNoChanges() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let first = try await strata(["plan", "--repo", repo.path, "--detailed-exitcode"], environment: Self.environment)
        #expect(first.status == 2, "\(first)")
        #expect(first.stdout.contains("Plan: 3 machines to create, 0 to update, 0 unchanged"), "\(first)")
        #expect(first.stdout.contains("+ newyork.example.com (cluster americas, create, live generation 0, embedded state .strata/state/americas/newyork.example.com"))
        #expect(first.stdout.contains("+ listeners"))
        for machine in Self.machines { #expect(!repo.hasState("americas", machine), "plan must not create state") }

        let apply = try await strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment)
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("americas/buttercup.run: applying (create"))
        #expect(apply.stdout.contains("americas/newyork.example.com: applied, now at generation 1"))
        #expect(apply.stdout.contains("Apply complete: 3 applied, 0 unchanged."))
        for machine in Self.machines { #expect(try repo.generation("americas", machine) == 1) }

        let again = try await strata(["plan", "--repo", repo.path, "--detailed-exitcode"], environment: Self.environment)
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("Plan: 0 machines to create, 0 to update, 3 unchanged (0 changes)"))
        #expect(again.stdout.contains("No changes"))

        let applyAgain = try await strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment)
        #expect(applyAgain.status == 0)
        #expect(applyAgain.stdout.contains("Nothing to apply."))
        for machine in Self.machines { #expect(try repo.generation("americas", machine) == 1) }
    }

    @Test func anEditedFeatureIsPlannedAsAnUpdateOfThatPath() async throws {
        let repo = try ConfigRepo(copying: "americas")
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        try repo.replace("clusters/americas/cluster.yaml", "timeout: 5s", with: "timeout: 10s")
        let plan = try await strata(["plan", "--repo", repo.path, "--format", "json"], environment: Self.environment)
        #expect(plan.status == 0, "\(plan)")
        let json = try JSONParser.parse(plan.stdout)
        #expect(json["summary"]?["update"] == .int(3))
        #expect(json["summary"]?["create"] == .int(0))
        guard case .array(let machines)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(machines.count == 3)
        for machine in machines {
            #expect(machine.objectKeys == [
                "machine", "cluster", "action", "changes", "agent", "reachable", "version", "generation", "error", "notes",
            ])
            #expect(machine["action"] == .string("update"))
            #expect(machine["generation"] == .int(1))
            #expect(machine["reachable"] == .bool(true))
            #expect(machine["version"] == .string("15.5.1"))
            #expect(machine["changes"] == .array([.object([("path", .string("dns.timeout")), ("before", .int(5)), ("after", .int(10))])]))
        }
        let text = try await strata(["plan", "--repo", repo.path], environment: Self.environment)
        #expect(text.stdout.contains("dns.timeout: 5s → 10s"))
    }

    @Test func anOutOfBandChangeIsDriftForThatMachineAndFeature() async throws {
        let repo = try ConfigRepo(copying: "americas")
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        let clean = try await strata(["check", "--repo", repo.path], environment: Self.environment)
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stdout.contains("No drift: 3 machines checked, 0 with drift."))

        // Someone changes losangeles behind Strata's back: a new generation with another DNS timeout.
        try OutOfBand.change(repo.store("americas", "losangeles.example.com"), by: "root@losangeles") { configuration in
            OutOfBand.replacing(configuration, feature: "dns", with: .object([
                ("servers", .array([.string("192.0.2.53"), .string("198.51.100.53")])), ("timeout", .int(30)),
            ]))
        }
        let check = try await strata(["check", "--repo", repo.path], environment: Self.environment)
        #expect(check.status == 2, "\(check)")
        #expect(check.stdout.contains("americas/losangeles.example.com: drift in 1 feature (generation 2, applied "))
        #expect(check.stdout.contains("by root@losangeles"))
        #expect(check.stdout.contains("    dns (live → desired):\n        dns.timeout: 30s → 5s"))
        #expect(check.stdout.contains("americas/newyork.example.com: in sync"))
        // The machines that take dns from cluster mode no longer agree.
        #expect(check.stdout.contains("cluster americas: machines disagree on dns, configured in cluster mode"))

        let json = try JSONParser.parse(try await strata(["check", "--repo", repo.path, "--format", "json"], environment: Self.environment).stdout)
        #expect(json["summary"]?["drifted"] == .int(1))
        guard case .array(let machines)? = json["machines"] else { Issue.record("no machines"); return }
        let drifted = machines.filter { $0["in_sync"] == .bool(false) }
        #expect(drifted.count == 1)
        #expect(drifted.first?["machine"] == .string("losangeles.example.com"))
        #expect(drifted.first?["features"] == .array([.object([
            ("feature", .string("dns")),
            ("changes", .array([.object([("path", .string("dns.timeout")), ("before", .int(30)), ("after", .int(5))])])),
        ])]))
        #expect(json["disagreements"].map { if case .array(let items) = $0 { items.count } else { 0 } } == 1)

        // apply forces the repository's version again (clustercheck's "force one version").
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        await #expect(try strata(["check", "--repo", repo.path], environment: Self.environment).status == 0)
    }

    @Test func aStalePlanFileIsRefusedAndNothingIsApplied() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let planFile = repo.path + "/../" + UUID().uuidString + ".plan.json"
        defer { try? FileManager.default.removeItem(atPath: planFile) }
        let plan = try await strata(["plan", "--repo", repo.path, "--out", planFile], environment: Self.environment)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("Saved the plan to \(planFile)"))

        // newyork moves on after the plan was made.
        try OutOfBand.change(repo.store("americas", "newyork.example.com"), by: "someone@else") { _ in .object([]) }
        let apply = try await strata(["apply", planFile, "--yes"], environment: Self.environment)
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("error: the plan is stale; nothing was applied"))
        #expect(apply.stderr.contains("americas/newyork.example.com was at generation 0 when the plan was made and is now at 1 (applied "))
        #expect(apply.stderr.contains("by someone@else"))
        #expect(!repo.hasState("americas", "buttercup.run"))
        #expect(!repo.hasState("americas", "losangeles.example.com"))
        #expect(try repo.generation("americas", "newyork.example.com") == 1)
    }

    @Test func aFreshPlanFileIsAppliedAsPlanned() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let planFile = repo.path + ".plan.json"
        defer { try? FileManager.default.removeItem(atPath: planFile) }
        await #expect(try strata(["plan", "--repo", repo.path, "--out", planFile], environment: Self.environment).status == 0)
        // The working tree changes after the plan: the plan file, not the tree, is applied.
        try repo.replace("clusters/americas/cluster.yaml", "timeout: 5s", with: "timeout: 10s")
        let apply = try await strata(["apply", planFile, "--yes"], environment: Self.environment)
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Apply complete: 3 applied"))
        let plan = try await strata(["plan", "--repo", repo.path], environment: Self.environment)
        #expect(plan.stdout.contains("dns.timeout: 5s → 10s"), "\(plan)")
    }

    @Test func applyWithoutYesAndWithoutATerminalRefuses() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let apply = try await strata(["apply", "--repo", repo.path], environment: Self.environment)
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("Plan: 3 machines to create"))
        #expect(apply.stderr.contains("error: apply needs a confirmation and there is no terminal to ask on; nothing was applied"))
        #expect(apply.stderr.contains("help: review the plan, then run again with --yes"))
        for machine in Self.machines { #expect(!repo.hasState("americas", machine)) }
    }

    /// On a terminal (a pseudo-terminal made by util-linux's `script`), apply asks and only `yes` goes on.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is not installed"))
    func onATerminalApplyAsksAndOnlyYesGoesOn() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let command = "\(TestPaths.strata.path) apply --repo \(repo.path)"
        func answer(_ text: String) async throws -> CommandResult {
            try await runProgram(["sh", "-c", "printf '\(text)\\n' | script -qec \"\(command)\" /dev/null"], environment: Self.environment)
        }
        let refused = try await answer("no")
        #expect(refused.stdout.contains("Apply these changes to 3 machines? Only 'yes' is accepted: "), "\(refused)")
        #expect(refused.stdout.contains("error: apply cancelled; nothing was applied"))
        for machine in Self.machines { #expect(!repo.hasState("americas", machine)) }
        let accepted = try await answer("yes")
        #expect(accepted.stdout.contains("Apply complete: 3 applied, 0 unchanged."), "\(accepted)")
        for machine in Self.machines { #expect(try repo.generation("americas", machine) == 1) }
    }

    @Test func statusShowsGenerationHashAndWhoAppliedWhichCommit() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let commit = try repo.commitAll()
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        let status = try await strata(["status", "--repo", repo.path, "--format", "json"], environment: Self.environment)
        #expect(status.status == 0, "\(status)")
        let json = try JSONParser.parse(status.stdout)
        guard case .array(let machines)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(machines.count == 3)
        for machine in machines {
            #expect(machine["reachable"] == .bool(true))
            #expect(machine["agent"] == .string("embedded"))
            #expect(machine["version"] == .string("15.5.1"))
            #expect(machine["version_ok"] == .bool(true))
            #expect(machine["generation"] == .int(1))
            #expect(machine["applied_commit"] == .string(commit))
            #expect(machine["applied_by"]?.stringValue?.hasPrefix("ops@") == true)
            #expect(machine["config_hash"]?.stringValue?.count == 64)
        }
        let text = try await strata(["status", "--repo", repo.path], environment: Self.environment)
        #expect(text.stdout.contains("cluster americas (embedded state in .strata/state/americas, requires version 15.5.1)"))
        #expect(text.stdout.contains("MACHINE"))
        #expect(text.stdout.contains(String(commit.prefix(10))))

        // An uncommitted edit of the cluster's files: the apply records no commit.
        try repo.replace("clusters/americas/cluster.yaml", "timeout: 5s", with: "timeout: 10s")
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        let after = try JSONParser.parse(try await strata(["status", "--repo", repo.path, "--format", "json"], environment: Self.environment).stdout)
        if case .array(let items)? = after["machines"] {
            for machine in items { #expect(machine["applied_commit"] == .null) }
        }
    }
}

/// Changes written straight into a state store, the way an administrator editing a machine by hand would.
enum OutOfBand {
    static func change(_ store: StateStore, by person: String, _ edit: (JSON) -> JSON) throws {
        try store.withLock {
            let current = try store.current()
            let configuration = edit(current?.configuration ?? .object([]))
            let secrets = current?.secrets ?? [:]
            let summary = GenerationSummary(
                generation: (current?.summary.generation ?? 0) + 1,
                configHash: StoredGeneration.configHash(configuration: configuration, secretDigests: secrets.mapValues(Digest.sha256)),
                appliedCommit: nil, appliedAt: "2030-01-01T00:00:00Z", appliedBy: person)
            try store.commit(StoredGeneration(summary: summary, configuration: configuration, secrets: secrets))
        }
    }

    static func replacing(_ configuration: JSON, feature: String, with value: JSON) -> JSON {
        guard case .object(let fields) = configuration else { return configuration }
        return .object(fields.map { $0.0 == feature ? ($0.0, value) : $0 })
    }
}
