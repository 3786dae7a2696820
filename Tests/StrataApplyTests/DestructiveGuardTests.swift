import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// The destructive-change guard through the real `strata` binary on an embedded lab cluster (mx1, mx2: listener
/// IncomingMail on Data1 with a one-row HAT and a one-row RAT, two SMTP routes): each kind is flagged by `plan`,
/// refused by `apply` without `--allow-destructive` (exit 3, no machine's generation moves), applied with it.
@Suite("Destructive-change guard", .serialized)
struct DestructiveGuardTests {
    static let cluster = "clusters/lab/cluster.yaml"
    static let rat = "      rat:\n        - {recipient: example.com, action: accept}\n"
    static let hat = "      hat:\n        - {match: ALL, policy: accept}\n"
    static let routes = "  smtp_routes:\n    - {domain: example.com, destinations: [\"mx.example.com:25\"]}\n"
        + "    - {domain: example.org, destinations: [mx.example.org]}\n"

    /// An embedded lab with a RAT and SMTP routes, committed and applied (every machine at generation 1).
    static func appliedLab() async throws -> ConfigRepo {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: [("mx1.lab.test", nil), ("mx2.lab.test", nil)], agents: nil)
        try repo.replace(cluster, hat, with: rat + hat)
        try repo.write(cluster, try repo.read(cluster) + routes)
        _ = try repo.commitAll("lab")
        let apply = try await strata(["apply", "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")
        return repo
    }

    /// One destructive edit: what it does to the files and the finding it must give on each machine.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: String
        var edits: [(path: String, old: String, new: String)]
        var path: String
        /// The reason per machine (nil: that machine has no finding).
        var reasons: [String?]
        var testDescription: String { kind }
    }

    /// The `kind` of the first finding of a `destructive` list.
    static func firstKind(_ list: JSON) -> JSON? {
        guard case .array(let items) = list else { return nil }
        return items.first?["kind"]
    }

    static let mx1 = "clusters/lab/machines/mx1.lab.test.yaml"
    static let mx2 = "clusters/lab/machines/mx2.lab.test.yaml"

    static let cases: [Case] = [
        Case(
            kind: "no_listener", edits: [(cluster, "  listeners:\n    - name: IncomingMail\n      interface: Data1\n      type: public\n      footer: disclaimer\n" + rat + hat, "  listeners: []\n")],
            path: "listeners", reasons: Array(repeating: "the machine accepted mail on 1 listener (IncomingMail) and would have none", count: 2)),
        Case(
            kind: "bound_interface_removed",
            edits: [
                (cluster, "interface: Data1", "interface: Data2"), (mx1, "name: Data1, address: 198.51.100.", "name: Data2, address: 192.0.2."),
                (mx2, "name: Data1, address: 198.51.100.", "name: Data2, address: 192.0.2."),
            ],
            path: "interfaces[Data1]", reasons: Array(repeating: "interface Data1 is removed, and listener IncomingMail bound it", count: 2)),
        Case(
            kind: "bound_address_changed", edits: [(mx2, "198.51.100.11/24", "198.51.100.99/24")], path: "interfaces[Data1].address",
            reasons: [nil, "the address of interface Data1 changes from 198.51.100.11/24 to 198.51.100.99/24, and listener IncomingMail bound it"]),
        Case(
            kind: "hat_emptied", edits: [(cluster, hat, "      hat: []\n")], path: "listeners[IncomingMail].hat",
            reasons: Array(repeating: "the host access table of listener IncomingMail had 1 row and would be empty", count: 2)),
        Case(
            kind: "rat_emptied", edits: [(cluster, rat, "")], path: "listeners[IncomingMail].rat",
            reasons: Array(repeating: "the recipient access table of listener IncomingMail had 1 row and would be empty", count: 2)),
        Case(
            kind: "smtp_routes_emptied", edits: [(cluster, routes, "  smtp_routes: []\n")], path: "smtp_routes",
            reasons: Array(repeating: "smtp_routes had 2 routes and would be empty", count: 2)),
        Case(
            kind: "domain_to_dev_null", edits: [(cluster, "[\"mx.example.com:25\"]", "[\"/dev/null\"]")], path: "smtp_routes[example.com].destinations",
            reasons: Array(repeating: "mail for example.com was delivered to mx.example.com:25 and would be discarded (/dev/null)", count: 2)),
    ]

    @Test(arguments: cases)
    func eachKindIsFlaggedRefusedAndAppliedWithTheFlag(_ edit: Case) async throws {
        let repo = try await Self.appliedLab()
        for change in edit.edits { try repo.replace(change.path, change.old, with: change.new) }
        let environment = LabCluster.environment()

        let plan = try await strata(["plan", "--format", "json", "--repo", repo.path], environment: environment)
        #expect(plan.status == 0, "\(plan)")
        guard case .array(let machines)? = try JSONParser.parse(plan.stdout)["machines"] else { Issue.record("\(plan)"); return }
        #expect(machines.count == 2)
        for (machine, reason) in zip(machines, edit.reasons) {
            let expected: JSON? = reason.map { .array([.object([("kind", .string(edit.kind)), ("path", .string(edit.path)), ("reason", .string($0))])]) }
            #expect(machine["destructive"] == expected, "\(machine)")
        }

        let refused = try await strata(["apply", "--yes", "--repo", repo.path], environment: environment)
        #expect(refused.status == 3, "\(refused)")
        let flagged = zip(["mx1.lab.test", "mx2.lab.test"], edit.reasons).compactMap { name, reason in reason.map { (name, $0) } }
        var message = "error: the plan has destructive changes on \(flagged.count) machine\(flagged.count == 1 ? "" : "s"); nothing was applied:\n"
        for (name, reason) in flagged { message += "  lab/\(name): \(edit.path): \(reason) (\(edit.kind))\n" }
        message += "help: nothing was written to any machine; if these changes are intended, run `strata apply --allow-destructive`; "
            + "otherwise fix the configuration\n"
        #expect(refused.stderr == message)
        #expect(!refused.stdout.contains("applying"), "\(refused)")
        for name in ["mx1.lab.test", "mx2.lab.test"] { #expect(try repo.generation("lab", name) == 1) }

        let allowed = try await strata(["apply", "--yes", "--allow-destructive", "--repo", repo.path], environment: environment)
        #expect(allowed.status == 0, "\(allowed)")
        #expect(allowed.stdout.contains("Apply complete:"), "\(allowed)")
        for (name, reason) in zip(["mx1.lab.test", "mx2.lab.test"], edit.reasons) {
            #expect(try repo.generation("lab", name) == (reason == nil ? 1 : 2))
        }
    }

    @Test func shrinkingATableIsNotRefused() async throws {
        let repo = try await Self.appliedLab()
        try repo.replace(Self.cluster, "    - {domain: example.org, destinations: [mx.example.org]}\n", with: "")
        let plan = try await strata(["plan", "--format", "json", "--repo", repo.path], environment: LabCluster.environment())
        #expect(!plan.stdout.contains("destructive"), "\(plan)")
        let apply = try await strata(["apply", "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(apply.status == 0, "\(apply)")
        #expect(try repo.generation("lab", "mx1.lab.test") == 2)
    }

    @Test func planTextAndMarkdownShowThem() async throws {
        let repo = try await Self.appliedLab()
        try repo.replace(Self.mx2, "198.51.100.11/24", with: "198.51.100.99/24")
        try repo.replace(Self.cluster, "timeout: 5s", with: "timeout: 6s")
        let text = try await strata(["plan", "--repo", repo.path], environment: LabCluster.environment())
        #expect(text.stdout == """
            Plan: 0 machines to create, 2 to update, 0 unchanged (3 changes)

            ~ mx1.lab.test (cluster lab, update, live generation 1, embedded state .strata/state/lab/mx1.lab.test, 1 change)
                dns.timeout: 5s → 6s

            ~ mx2.lab.test (cluster lab, update, live generation 1, embedded state .strata/state/lab/mx2.lab.test, 2 changes) [destructive]
                interfaces[Data1].address: 198.51.100.11/24 → 198.51.100.99/24
                dns.timeout: 5s → 6s
                ! destructive: interfaces[Data1].address: the address of interface Data1 changes from 198.51.100.11/24 to 198.51.100.99/24, and listener IncomingMail bound it (bound_address_changed)

            """, "\(text)")
        let markdown = try await strata(["plan", "--format", "markdown", "--repo", repo.path], environment: LabCluster.environment())
        #expect(markdown.stdout.hasPrefix("""
            ### Strata: plan against the live machines

            **0 machines to create, 2 to update, 0 unchanged (3 changes)**

            > [!WARNING]
            > **Destructive changes** on 1 machine: they would stop mail. `strata apply` refuses them without `--allow-destructive`; `strata reconcile` never applies them.
            >
            > - `lab/mx2.lab.test` `interfaces[Data1].address`: the address of interface Data1 changes from 198.51.100.11/24 to 198.51.100.99/24, and listener IncomingMail bound it (`bound_address_changed`)

            | machine |
            """), "\(markdown)")
        let github = try await strata(["plan", "--format", "github", "--repo", repo.path], environment: LabCluster.environment())
        #expect(github.stdout.split(separator: "\n").map { String($0.prefix(while: { $0 != " " })) } == ["::notice", "::warning"], "\(github)")
        #expect(github.stdout.contains("::warning file=clusters/lab/machines/mx2.lab.test.yaml,title=mx2.lab.test%3A update%2C 2 changes%2C destructive::"), "\(github)")
    }

    @Test func aSavedPlanWithADestructiveChangeIsRefusedAndAppliedWithTheFlag() async throws {
        let repo = try await Self.appliedLab()
        try repo.replace(Self.cluster, Self.hat, with: "      hat: []\n")
        let file = repo.path + "/destructive.plan"
        let plan = try await strata(["plan", "--out", file, "--repo", repo.path], environment: LabCluster.environment())
        #expect(plan.status == 0, "\(plan)")
        let saved = try JSONParser.parse(try String(contentsOfFile: file, encoding: .utf8))
        guard case .array(let machines)? = saved["machines"] else { Issue.record("no machines"); return }
        #expect(machines.allSatisfy { $0["destructive"].flatMap(Self.firstKind) == .string("hat_emptied") }, "\(saved)")

        let refused = try await strata(["apply", file, "--yes", "--repo", repo.path], environment: LabCluster.environment())
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.stderr.contains("help: nothing was written to any machine; if these changes are intended, run `strata apply --allow-destructive \(file)`"), "\(refused)")
        #expect(try repo.generation("lab", "mx1.lab.test") == 1)
        let json = try await strata(["apply", file, "--yes", "--format", "json", "--repo", repo.path], environment: LabCluster.environment())
        #expect(json.status == 3)
        #expect(try JSONParser.parse(json.stdout)["refused"]?.stringValue?.hasPrefix("the plan has destructive changes on 2 machines") == true, "\(json)")

        let allowed = try await strata(["apply", file, "--yes", "--allow-destructive", "--repo", repo.path], environment: LabCluster.environment())
        #expect(allowed.status == 0, "\(allowed)")
        for name in ["mx1.lab.test", "mx2.lab.test"] { #expect(try repo.generation("lab", name) == 2) }
    }
}
