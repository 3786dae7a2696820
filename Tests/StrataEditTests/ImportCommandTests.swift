import Foundation
import StrataModel
import StrataTestSupport
import Testing

@Suite("init --from and join bring a standalone machine into a repository")
struct ImportCommandTests {
    /// The machine's effective settings as `show --format json` prints them (without provenance).
    private func settings(_ repo: TempRepo, _ machine: String, cluster: String) async throws -> String {
        let result = try await runStrata(["show", machine, "--cluster", cluster, "--format", "json", "--repo", repo.path])
        #expect(result.status == 0, "\(result)")
        return try JSONParser.parse(result.stdout)["settings"]?.rendered() ?? ""
    }

    @Test("init --from makes a cluster whose machine has the standalone file's effective configuration")
    func initRoundTrip() async throws {
        let americas = try TempRepo(copying: "americas")
        let export = americas.root.appendingPathComponent("ny.yaml").path
        let exported = try await runStrata(["export", "newyork.example.com", "-o", export, "--repo", americas.path])
        #expect(exported.status == 0, "\(exported)")
        let expected = try await settings(americas, "newyork.example.com", cluster: "americas")

        // Into the repository that still has the machine: refused (a machine belongs to one cluster), nothing created.
        let clash = try await runStrata(["init", "--from", export, "--cluster", "emea", "--repo", americas.path])
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("error[E412]: machine 'newyork.example.com' is in cluster 'emea' and in cluster 'americas'"), "\(clash)")
        #expect(!FileManager.default.fileExists(atPath: americas.path + "/clusters/emea"))

        let fresh = try TempRepo()
        let result = try await runStrata(["init", "--from", export, "--cluster", "emea", "--repo", fresh.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("""
            init newyork.example.com: cluster emea, group Main_Group
                created clusters/emea/cluster.yaml
                created clusters/emea/groups/Main_Group.yaml
                created clusters/emea/machines/newyork.example.com.yaml
            """), "\(result)")
        #expect(result.stdout.contains("1 unchanged (0 changes)"))
        await #expect(try settings(fresh, "newyork.example.com", cluster: "emea") == expected)
        let machineFile = try fresh.read("clusters/emea/machines/newyork.example.com.yaml")
        #expect(machineFile.hasPrefix("group: Main_Group\nserial: 4229D0A1B2C3-NY01\nsettings:\n  interfaces:\n"))
        #expect(!machineFile.contains("listeners:"))
        #expect(try fresh.read("clusters/emea/groups/Main_Group.yaml") == "settings: {}\n")
        #expect(try fresh.read("clusters/emea/cluster.yaml").contains("\n  listeners:\n"))
        // A second init of the same cluster is refused, and nothing changes.
        let again = try await runStrata(["init", "--from", export, "--cluster", "emea", "--repo", fresh.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("error[E610]: cluster 'emea' exists already (clusters/emea)"), "\(again)")
    }

    @Test("join keeps the machine-only settings, lists what it discarded and how the machine changes, and round-trips through export")
    func joinRoundTrip() async throws {
        let repo = try TempRepo(copying: "americas")
        let export = repo.root.appendingPathComponent("ny.yaml").path
        let removed = try await runStrata(["remove-machine", "newyork.example.com", "--export", export, "--repo", repo.path])
        #expect(removed.status == 0, "\(removed)")
        let dry = try await runStrata(["join", export, "--cluster", "americas", "--group", "usa", "--dry-run", "--repo", repo.path])
        #expect(dry.status == 0, "\(dry)")
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/clusters/americas/machines/newyork.example.com.yaml"))
        let result = try await runStrata(["join", export, "--cluster", "americas", "--group", "Main_Group", "--repo", repo.path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("""
            kept: interfaces, hostname, routes, feature_keys
            discarded: users, ssh, timezone, ntp, listeners, text_resources, ldap, bounce_profiles, smtp_auth_profiles, \
            dictionaries, content_filters, smtp_routes, destination_controls, dns, global_unsubscribe, mta
            """), "\(result)")
        #expect(result.stdout.contains("    listeners[IncomingMail].max_connections: 200 → 100\n"), "\(result)")
        // Machine-only features equal the standalone file's; every other one is what the cluster and group give.
        let joined = try JSONParser.parse(try await runStrata(["show", "newyork.example.com", "--format", "json", "--repo", repo.path]).stdout)
        let buttercup = try JSONParser.parse(try await runStrata(["show", "buttercup.run", "--format", "json", "--repo", repo.path]).stdout)
        for feature in ["ntp", "listeners", "smtp_routes", "dns"] {
            #expect(joined["settings"]?[feature] == buttercup["settings"]?[feature], "\(feature)")
        }
        let reexport = repo.root.appendingPathComponent("again.yaml").path
        #expect(try await runStrata(["export", "newyork.example.com", "-o", reexport, "--repo", repo.path]).status == 0)
        let machineOnly = ["interfaces", "hostname", "routes", "feature_keys"]
        let before = try String(contentsOfFile: export, encoding: .utf8)
        let after = try String(contentsOfFile: reexport, encoding: .utf8)
        for feature in machineOnly {
            #expect(Self.section(feature, of: before) == Self.section(feature, of: after), "\(feature)")
        }
        let twice = try await runStrata(["join", export, "--cluster", "americas", "--group", "Main_Group", "--repo", repo.path])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("error[E611]: cluster americas has machine 'newyork.example.com' already"), "\(twice)")
    }

    /// The lines of one feature under `settings:` in an export.
    private static func section(_ feature: String, of text: String) -> String {
        var out: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.hasPrefix("  -") { inside = line == "  \(feature):" }
            if inside { out.append(line) }
        }
        return out.joined(separator: "\n")
    }
}
