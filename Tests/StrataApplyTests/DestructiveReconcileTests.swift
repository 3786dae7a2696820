import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// `reconcile` never applies a destructive commit on its own: it holds back the whole commit, reports it once, and
/// takes it up when an operator has applied it with `--allow-destructive`. `diff` marks destructive changes between
/// two revisions, first in its Markdown.
@Suite("Destructive changes in reconcile and diff", .serialized)
struct DestructiveReconcileTests {
    static let machines = ["mx1.lab.test", "mx2.lab.test"]
    static let hat = "      hat:\n        - {match: ALL, policy: accept}\n"

    static func reconcile(_ repo: ConfigRepo) async throws -> (CommandResult, [JSON]) {
        let result = try await strata(["reconcile", "--once", "--repo", repo.path], environment: LabCluster.environment())
        return (result, try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) })
    }

    static func named(_ events: [JSON], _ name: String) -> [JSON] { events.filter { $0["event"] == .string(name) } }

    static func appliedCommit(_ repo: ConfigRepo, _ machine: String) throws -> String? {
        try repo.store("lab", machine).current()?.summary.appliedCommit
    }

    @Test func aDestructiveCommitIsHeldBackWholeAndReportedOnce() async throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: Self.machines.map { ($0, nil) }, agents: nil)
        let first = try repo.commitAll("first")
        await #expect(try Self.reconcile(repo).0.status == 0)

        // mx2 changes address (destructive); mx1 only gets a longer DNS timeout: the whole commit is held back.
        try repo.replace("clusters/lab/machines/mx2.lab.test.yaml", "198.51.100.11/24", with: "198.51.100.99/24")
        try repo.replace("clusters/lab/cluster.yaml", "timeout: 5s", with: "timeout: 6s")
        let held = try repo.commitAll("readdress mx2")
        let (run, events) = try await Self.reconcile(repo)
        #expect(run.status == 1, "\(run)")
        #expect(Self.named(events, "apply").isEmpty, "\(run)")
        let event = try #require(Self.named(events, "held-back").first, "\(run)")
        #expect(event == .object([
            ("event", .string("held-back")), ("commit", .string(held)), ("keeping", .string(first)),
            ("machines", .array([.object([
                ("machine", .string("mx2.lab.test")), ("cluster", .string("lab")),
                ("destructive", .array([.object([
                    ("kind", .string("bound_address_changed")), ("path", .string("interfaces[Data1].address")),
                    ("reason", .string("the address of interface Data1 changes from 198.51.100.11/24 to 198.51.100.99/24, and listener IncomingMail bound it")),
                ])])),
            ])])),
        ]))
        for machine in Self.machines {
            #expect(try repo.generation("lab", machine) == 1)
            #expect(try Self.appliedCommit(repo, machine) == first)
        }
        let memory = try JSONParser.parse(try repo.read(".strata/reconcile/main.json"))
        #expect(memory["held_back"]?["id"] == .string(held), "\(memory)")

        // The next pass holds it back quietly.
        let (again, quiet) = try await Self.reconcile(repo)
        #expect(again.status == 0, "\(again)")
        #expect(quiet.isEmpty, "\(again)")
        #expect(try repo.generation("lab", "mx1.lab.test") == 1)

        // An operator applies it; the loop finds nothing left to do and takes it as the commit in force.
        let apply = try await strata(["apply", "--yes", "--allow-destructive", "--repo", repo.path], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")
        let (adopted, later) = try await Self.reconcile(repo)
        #expect(adopted.status == 0, "\(adopted)")
        #expect(Self.named(later, "plan").first?["summary"]?["noop"] == .int(2), "\(adopted)")
        #expect(Self.named(later, "apply").isEmpty && Self.named(later, "held-back").isEmpty, "\(adopted)")
        let after = try JSONParser.parse(try repo.read(".strata/reconcile/main.json"))
        #expect(after["in_force"]?["id"] == .string(held) && after["held_back"] == .null, "\(after)")
        for machine in Self.machines { #expect(try Self.appliedCommit(repo, machine) == held) }
    }

    @Test func theTextEventNamesTheMachinesAndTheWayOut() async throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: Self.machines.map { ($0, nil) }, agents: nil)
        let first = try repo.commitAll("first")
        await #expect(try Self.reconcile(repo).0.status == 0)
        try repo.replace("clusters/lab/cluster.yaml", Self.hat, with: "      hat: []\n")
        let held = try repo.commitAll("empty HAT")
        let run = try await strata(["reconcile", "--once", "--format", "text", "--repo", repo.path], environment: LabCluster.environment())
        #expect(run.status == 1, "\(run)")
        let reason = "listeners[IncomingMail].hat: the host access table of listener IncomingMail had 1 row and would be empty (hat_emptied)"
        #expect(run.stdout.hasSuffix("""
            held back \(held.prefix(12)): destructive changes on 2 machines, nothing of it was applied; \(first.prefix(12)) stays in force
                lab/mx1.lab.test: \(reason)
                lab/mx2.lab.test: \(reason)
                apply it with `strata apply --allow-destructive`, or commit a fix

            """), "\(run)")
    }

    @Test func healingThatWouldBeDestructiveIsHeldBackAndSaidSo() async throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: Self.machines.map { ($0, nil) }, agents: nil)
        try repo.replace("clusters/lab/cluster.yaml", Self.hat, with: "      hat: []\n")
        let first = try repo.commitAll("no HAT")
        await #expect(try Self.reconcile(repo).0.status == 0)
        // Out of band, an operator applies a HAT that no commit has: putting the commit back would empty it.
        try repo.replace("clusters/lab/cluster.yaml", "      hat: []\n", with: Self.hat)
        let apply = try await strata(["apply", "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")

        let run = try await strata(
            ["reconcile", "--once", "--self-heal", "--format", "text", "--repo", repo.path], environment: LabCluster.environment())
        let reason = "listeners[IncomingMail].hat: the host access table of listener IncomingMail had 1 row and would be empty (hat_emptied)"
        let id = first.prefix(12)
        #expect(run.stdout.contains("""
            drift from \(id): lab/mx1.lab.test (1 change), lab/mx2.lab.test (1 change); not put back: healing it is held back as destructive
            held back healing: putting \(id) back would make destructive changes on 2 machines; nothing was put back
                lab/mx1.lab.test: \(reason)
                lab/mx2.lab.test: \(reason)
                put it back with `strata apply --allow-destructive`, or commit a fix

            """), "\(run)")
        #expect(!run.stdout.contains("corrects it") && !run.stdout.contains("stays in force"), "\(run)")
        for machine in Self.machines { #expect(try repo.generation("lab", machine) == 2) }
    }

    /// In the loop, healing held back is reported when it starts, not again at every pass (drift itself is).
    @Test func theLoopReportsHeldBackHealingOnce() async throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: Self.machines.map { ($0, nil) }, agents: nil)
        try repo.replace("clusters/lab/cluster.yaml", Self.hat, with: "      hat: []\n")
        _ = try repo.commitAll("no HAT")
        await #expect(try Self.reconcile(repo).0.status == 0)
        try repo.replace("clusters/lab/cluster.yaml", "      hat: []\n", with: Self.hat)
        await #expect(try strata(["apply", "--yes", "--repo", repo.path], environment: LabCluster.environment()).status == 0)

        let loop = try ReconcileLoop(["reconcile", "--interval", "1s", "--self-heal", "--repo", repo.path])
        try await Wait.until("three passes reporting drift", seconds: 60, interval: 0.05) {
            loop.stdoutText.components(separatedBy: #"{"event":"drift""#).count > 3
        }
        let result = await loop.stop()
        let events = try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(events.filter { $0["event"] == .string("drift") }.count >= 3, "\(result)")
        #expect(events.filter { $0["event"] == .string("held-back") }.count == 1, "\(result)")
        for machine in Self.machines { #expect(try repo.generation("lab", machine) == 2) }
    }

    @Test func diffMarksThemAndItsMarkdownShowsThemFirst() async throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: Self.machines.map { ($0, nil) }, agents: nil)
        _ = try repo.commitAll("first")
        try repo.replace("clusters/lab/cluster.yaml", Self.hat, with: "      hat: []\n")
        try repo.replace(
            "clusters/lab/machines/mx1.lab.test.yaml", "198.51.100.10/24}", with: "198.51.100.10/24}\n    - {name: Data2, address: 203.0.113.10/24}")
        _ = try repo.commitAll("empty HAT")

        let text = try await strata(["diff", "HEAD~1", "HEAD", "--repo", repo.path])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("""
            ~ mx2.lab.test (cluster lab, update) [destructive]
                listeners[IncomingMail].hat: [{match: ALL, policy: accept}] → []
                ! destructive: listeners[IncomingMail].hat: the host access table of listener IncomingMail had 1 row and would be empty (hat_emptied)

            """), "\(text)")

        let json = try JSONParser.parse(try await strata(["diff", "HEAD~1", "HEAD", "--format", "json", "--repo", repo.path]).stdout)
        guard case .array(let machines)? = json["machines"] else { Issue.record("no machines"); return }
        #expect(machines.map { $0["destructive"].flatMap(DestructiveGuardTests.firstKind) } == [.string("hat_emptied"), .string("hat_emptied")])

        let markdown = try await strata(["diff", "HEAD~1", "HEAD", "--format", "markdown", "--repo", repo.path])
        let lines = markdown.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(10).dropFirst(4)) == [
            "> [!WARNING]",
            "> **Destructive changes** on 2 machines: they would stop mail. `strata apply` refuses them without `--allow-destructive`; `strata reconcile` never applies them.",
            ">",
            "> - `lab/mx1.lab.test` `listeners[IncomingMail].hat`: the host access table of listener IncomingMail had 1 row and would be empty (`hat_emptied`)",
            "> - `lab/mx2.lab.test` `listeners[IncomingMail].hat`: the host access table of listener IncomingMail had 1 row and would be empty (`hat_emptied`)",
            "",
        ], "\(markdown)")
        #expect(markdown.stdout.contains("<summary><code>mx1.lab.test</code> — update, 2 changes, <b>destructive</b></summary>"), "\(markdown)")
        let github = try await strata(["diff", "HEAD~1", "HEAD", "--format", "github", "--repo", repo.path])
        #expect(github.stdout.contains("::warning file=clusters/lab/machines/mx1.lab.test.yaml,title=mx1.lab.test%3A update%2C 2 changes%2C destructive::"),
            "\(github)")
    }
}
