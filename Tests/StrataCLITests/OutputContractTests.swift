import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataTestSupport
import StrataCatalogue
import StrataYAML

/// The output contracts of SPEC section 4, checked on the real executable.
@Suite("Output contracts")
struct OutputContractTests {
    static let americas = TestPaths.packageRoot.appendingPathComponent("examples/americas").path

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validateSucceedsOnTheAmericasExample() async throws {
        let result = try await runStrata(["validate", "--repo", Self.americas])
        #expect(result.status == 0)
        #expect(result.stdout == "valid: 1 cluster, 2 groups, 3 machines: 0 errors, 0 warnings\n")
    }

    @Test func validateJSONHasTheContractShape() async throws {
        let repo = try TempRepo(minimalCluster(
            group: "settings:\n  users: []\n",
            machines: ["m1.example.com": "group: main\nsettings:\n  listeners: []\n"]))
        let result = try await runStrata(["validate", "--repo", repo.path, "--format", "json"])
        #expect(result.status == 1)
        let object = try json(result.stdout)
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(Set(first.keys) == ["severity", "code", "message", "file", "line", "column", "notes", "help"])
        #expect(first["severity"] as? String == "error")
        #expect(first["code"] as? String == "E201")
        #expect(first["file"] as? String == "clusters/c1/groups/main.yaml")
        #expect(first["line"] as? Int == 2)
        #expect(first["column"] as? Int == 3)
        #expect(first["help"] as? String == "move 'users' to clusters/c1/cluster.yaml")
        let second = try #require(diagnostics.last)
        #expect(second["severity"] as? String == "warning")
        #expect(second["code"] as? String == "W408")
    }

    @Test func validateTextIsCompilerStyle() async throws {
        let repo = try TempRepo(minimalCluster(group: "settings:\n  users: []\n"))
        let result = try await runStrata(["validate", "--repo", repo.path])
        #expect(result.status == 1)
        #expect(result.stdout == """
            clusters/c1/groups/main.yaml:2:3: error[E201]: 'users' cannot be configured in group mode (group:main); it is allowed in cluster mode only
             2 |   users: []
               |   ^
              help: move 'users' to clusters/c1/cluster.yaml

            invalid: 1 cluster, 1 group, 0 machines: 1 error, 0 warnings

            """)
    }

    @Test func validateGithubAnnotations() async throws {
        let repo = try TempRepo(minimalCluster(group: "settings:\n  users: []\n"))
        let result = try await runStrata(["validate", "--repo", repo.path, "--format", "github"])
        #expect(result.status == 1)
        #expect(result.stdout == "::error file=clusters/c1/groups/main.yaml,line=2,col=3,title=E201 feature configured in a mode it is not allowed in::'users' cannot be configured in group mode (group%3Amain); it is allowed in cluster mode only%0Ahelp: move 'users' to clusters/c1/cluster.yaml\n".replacingOccurrences(of: "(group%3Amain)", with: "(group:main)"))
    }

    @Test func showJSONHasTheContractShape() async throws {
        let result = try await runStrata(["show", "newyork.example.com", "--repo", Self.americas, "--format", "json"])
        #expect(result.status == 0)
        let object = try json(result.stdout)
        #expect(object["cluster"] as? String == "americas")
        #expect(object["group"] as? String == "usa")
        #expect(object["machine"] as? String == "newyork.example.com")
        let settings = try #require(object["settings"] as? [String: Any])
        let provenance = try #require(object["provenance"] as? [String: String])
        // Features without a default (failover) are absent from a machine that does not configure them.
        #expect(settings.count == Catalogue.features.filter(\.hasDefault).count)
        #expect(Set(provenance.keys) == Set(settings.keys))
        #expect(provenance["listeners"] == "machine:newyork.example.com")
        #expect(provenance["ntp"] == "group:usa")
        #expect(provenance["users"] == "cluster")
        #expect(provenance["routes"] == "machine:newyork.example.com")
        let mta = try #require(settings["mta"] as? [String: Any])
        #expect(mta["maximal_queue_lifetime"] as? Int == 432_000)
        #expect(mta["queue_run_delay"] as? Int == 300)
        let ldap = try #require(settings["ldap"] as? [String: Any])
        let server = try #require((ldap["servers"] as? [[String: Any]])?.first)
        #expect(server["bind_password"] as? [String: String] == ["secret": "env:AMERICAS_LDAP_PASSWORD"])
        let listener = try #require((settings["listeners"] as? [[String: Any]])?.last)
        #expect(listener["port"] as? Int == 25)
        #expect(listener["max_connections"] as? Int == 50)
    }

    @Test func showTextNeverShowsSecretReferencesAsValues() async throws {
        let result = try await runStrata(["show", "losangeles.example.com", "--repo", Self.americas])
        #expect(result.status == 0)
        #expect(result.stdout.contains("bind_password: (sensitive)"))
        #expect(!result.stdout.contains("AMERICAS_LDAP_PASSWORD"))
    }

    @Test func showUnknownMachineSuggests() async throws {
        let result = try await runStrata(["show", "newyork.example.org", "--repo", Self.americas])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no machine named 'newyork.example.org' in the working tree; did you mean 'newyork.example.com'?"))
    }

    @Test func showAllListsEveryMachine() async throws {
        let result = try await runStrata(["show", "--all", "--repo", Self.americas, "--format", "json"])
        #expect(result.status == 0)
        let machines = try #require(try json(result.stdout)["machines"] as? [[String: Any]])
        #expect(machines.compactMap { $0["machine"] as? String } == ["buttercup.run", "losangeles.example.com", "newyork.example.com"])
    }

    @Test func whereListsModesAndMachines() async throws {
        let result = try await runStrata(["where", "listeners", "--repo", Self.americas, "--format", "json"])
        #expect(result.status == 0)
        let object = try json(result.stdout)
        let cluster = try #require((object["clusters"] as? [[String: Any]])?.first)
        let modes = try #require(cluster["modes"] as? [[String: Any]])
        #expect(modes.compactMap { $0["mode"] as? String } == ["cluster", "machine:newyork.example.com", "default"])
        #expect(modes[0]["machines"] as? [String] == ["buttercup.run", "losangeles.example.com"])
        #expect(modes[1]["machines"] as? [String] == ["newyork.example.com"])
        #expect(modes[2]["machines"] as? [String] == [])
    }

    @Test func exportValidatesStandaloneAndKeepsEveryValue() async throws {
        let scratch = try TempRepo()
        let file = scratch.root.appendingPathComponent("losangeles.yaml").path
        let export = try await runStrata(["export", "losangeles.example.com", "--repo", Self.americas, "-o", file])
        #expect(export.status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("# Standalone configuration of machine losangeles.example.com"))
        #expect(text.contains("standalone: losangeles.example.com\n"))
        #expect(text.contains("bind_password:\n          env: AMERICAS_LDAP_PASSWORD") || text.contains("env: AMERICAS_LDAP_PASSWORD"))
        let validate = try await runStrata(["validate", "--standalone", file])
        #expect(validate.status == 0)
        #expect(validate.stdout == "valid: standalone machine losangeles.example.com: 0 errors, 0 warnings\n")
        // The standalone file flattens to exactly what the cluster gives the machine.
        var diagnostics = Diagnostics()
        let root = YAMLParser.parse(Array(text.utf8), file: file, diagnostics: &diagnostics)
        let standalone = StandaloneCompiler.compile(DeclaredFile(path: file, root: root, parsed: true))
        let inCluster = try TempRepo(copying: "americas").compile().clusters[0].effective(for: MachineName("losangeles.example.com"))
        #expect(standalone.effective?.features.map(\.value) == inCluster?.features.map(\.value))
        #expect(standalone.effective?.features.allSatisfy { $0.provenance.description == "machine:losangeles.example.com" } == true)
    }
}
