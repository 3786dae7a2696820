import Foundation
import Testing
import StrataModel
import StrataState
import StrataTestSupport

/// Secrets are resolved only on the controller, sent only to the machine that needs them, and never written to
/// plans, plan files or outputs.
@Suite("Secrets")
struct SecretHandlingTests {
    static let secret = "s3cr3t-Americas-LDAP-value-90210"

    @Test func noOutputOrPlanFileContainsTheSecretButTheMachineStateDoes() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let environment = ["AMERICAS_LDAP_PASSWORD": Self.secret]
        let planFile = repo.path + ".plan.json"
        defer { try? FileManager.default.removeItem(atPath: planFile) }
        var outputs: [CommandResult] = []
        outputs.append(try await strata(["plan", "--repo", repo.path, "--out", planFile], environment: environment))
        outputs.append(try await strata(["plan", "--repo", repo.path, "--format", "json"], environment: environment))
        let planText = try String(contentsOfFile: planFile, encoding: .utf8)
        #expect(planText.contains("\"env:AMERICAS_LDAP_PASSWORD\""))
        #expect(planText.contains(Digest.sha256(Self.secret)) == false, "not even the secret's digest is in the plan")
        outputs.append(try await strata(["apply", planFile, "--yes"], environment: environment))
        outputs.append(try await strata(["status", "--repo", repo.path, "--format", "json"], environment: environment))
        outputs.append(try await strata(["check", "--repo", repo.path], environment: environment))
        outputs.append(try await strata(["check", "--repo", repo.path, "--format", "json"], environment: environment))
        outputs.append(try await strata(["apply", "--repo", repo.path, "--yes", "--format", "json"], environment: environment))
        for output in outputs {
            #expect(!output.output.contains(Self.secret), "\(output)")
        }
        #expect(!planText.contains(Self.secret))

        // The machine's own state keeps the value, in the owner-only secrets file of its generation.
        let store = try repo.store("americas", "newyork.example.com")
        let secretsFile = store.directory + "/generations/1.secrets.json"
        #expect(try String(contentsOfFile: secretsFile, encoding: .utf8).contains(Self.secret))
        let mode = try FileManager.default.attributesOfItem(atPath: secretsFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(!(try String(contentsOfFile: store.directory + "/generations/1.json", encoding: .utf8)).contains(Self.secret))
        #expect(try store.current()?.secrets == ["env:AMERICAS_LDAP_PASSWORD": Self.secret])
    }

    @Test func aMissingSecretFailsTheApplyBeforeAnythingIsSent() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let plan = try await strata(["plan", "--repo", repo.path], unset: ["AMERICAS_LDAP_PASSWORD"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("note: secret env:AMERICAS_LDAP_PASSWORD (ldap.servers[corp].bind_password) is not available here"))
        let apply = try await strata(["apply", "--repo", repo.path, "--yes"], unset: ["AMERICAS_LDAP_PASSWORD"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stdout.contains("americas/buttercup.run: failed [secret-missing] secret env:AMERICAS_LDAP_PASSWORD is not set in the environment"))
        #expect(apply.stdout.contains("americas/newyork.example.com: not attempted (the rollout stopped at an earlier failure)"))
        #expect(apply.stdout.contains("Apply stopped at a failure: 0 applied, 0 unchanged, 1 failed, 2 not attempted."))
        for machine in EmbeddedEndToEndTests.machines { #expect(!repo.hasState("americas", machine)) }
    }

    @Test func aRotatedSecretIsPlannedAsAChangeWithoutShowingEitherValue() async throws {
        let repo = try ConfigRepo(copying: "americas")
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: ["AMERICAS_LDAP_PASSWORD": "old-value-1"]).status == 0)
        let same = try await strata(["plan", "--repo", repo.path, "--detailed-exitcode"], environment: ["AMERICAS_LDAP_PASSWORD": "old-value-1"])
        #expect(same.status == 0, "\(same)")
        let rotated = try await strata(["plan", "--repo", repo.path, "--detailed-exitcode"], environment: ["AMERICAS_LDAP_PASSWORD": "new-value-2"])
        #expect(rotated.status == 2, "\(rotated)")
        #expect(rotated.stdout.contains("Plan: 0 machines to create, 3 to update, 0 unchanged (3 changes)"))
        #expect(rotated.stdout.contains("ldap.servers[corp].bind_password: (sensitive) → (sensitive) (the secret's value changed)"))
        #expect(!rotated.output.contains("old-value-1") && !rotated.output.contains("new-value-2"))
        await #expect(try strata(["apply", "--repo", repo.path, "--yes"], environment: ["AMERICAS_LDAP_PASSWORD": "new-value-2"]).status == 0)
        #expect(try repo.store("americas", "buttercup.run").current()?.secrets["env:AMERICAS_LDAP_PASSWORD"] == "new-value-2")
    }

    @Test func aFileSecretIsReadWithoutItsTrailingNewline() async throws {
        let repo = try ConfigRepo(copying: "americas")
        try repo.replace("clusters/americas/cluster.yaml", "{env: AMERICAS_LDAP_PASSWORD}", with: "{file: ldap-password.txt}")
        try repo.write("ldap-password.txt", "from-a-file\n")
        let apply = try await strata(["apply", "--repo", repo.path, "--yes"])
        #expect(apply.status == 0, "\(apply)")
        #expect(try repo.store("americas", "buttercup.run").current()?.secrets == ["file:ldap-password.txt": "from-a-file"])
    }
}
