import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCatalogue
import StrataYAML
import StrataTestSupport

/// examples/failover-pair through the real executable: the effective `failover` the agent receives (peers
/// derived), its absence elsewhere, and the export that must not write the derived peers yet round-trips.
@Suite("Failover example")
struct FailoverExampleTests {
    static let pair = TestPaths.example("failover-pair").path

    /// The contract's effective value for relay1 (docs: Docs/features.md#failover).
    static let relay1Failover = """
        {"router_id": 51, "interface": "Data1", "addresses": ["198.51.100.100/24"], "advert_interval": 1, \
        "secret": {"secret": "env:VRRP_SECRET"}, "preempt": true, "monitor": {"listener": "IncomingMail", "interval": 1, \
        "fall": 2, "rise": 2}, "peers": [{"machine": "relay2.example.com", "address": "198.51.100.12", "priority": 100}]}
        """

    func settings(_ machine: String, repo: String = pair) async throws -> JSON {
        let result = try await runStrata(["show", machine, "--repo", repo, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONParser.parse(result.stdout)["settings"])
    }

    @Test func theExampleValidates() async throws {
        let result = try await runStrata(["validate", "--repo", Self.pair])
        #expect(result.stdout == "valid: 1 cluster, 1 group, 2 machines: 0 errors, 0 warnings\n")
        #expect(result.status == 0)
    }

    @Test func showGivesEachMachineItsPeers() async throws {
        let relay1 = try await settings("relay1.example.com")
        #expect(relay1["failover"] == (try JSONParser.parse(Self.relay1Failover)))
        #expect(relay1["failover_priority"] == .int(150))
        let relay2 = try await settings("relay2.example.com")
        #expect(relay2["failover"]?["peers"] == (try JSONParser.parse(
            #"[{"machine": "relay1.example.com", "address": "198.51.100.11", "priority": 150}]"#)))
        #expect(relay2["failover_priority"] == .int(100))
    }

    @Test func aMachineWithoutFailoverHasNone() async throws {
        let newyork = try await settings("newyork.example.com", repo: TestPaths.example("americas").path)
        #expect(newyork["failover"] == nil)
        #expect(newyork["failover_priority"] == nil)
        #expect(newyork["mta"] != nil)
    }

    @Test func theAgentsDecoderTakesTheEffectiveValueWithPeers() async throws {
        let relay1 = try await settings("relay1.example.com")
        let (decoded, diagnostics) = CanonicalDecoder.decode(relay1, machine: MachineName("relay1.example.com"))
        #expect(diagnostics.all == [])
        let configuration = try #require(decoded)
        #expect(CanonicalDecoder.json(configuration) == relay1)
        #expect(CanonicalDecoder.check(configuration).all == [])
    }

    @Test func theAgentsDecoderRefusesABadPeer() async throws {
        let relay1 = try await settings("relay1.example.com")
        let text = relay1.rendered(pretty: false).replacingOccurrences(of: #""priority":100"#, with: #""priority":255"#)
        let (decoded, diagnostics) = CanonicalDecoder.decode(try JSONParser.parse(text), machine: MachineName("relay1.example.com"))
        #expect(decoded == nil)
        #expect(diagnostics.all.map(\.message) == ["'failover.peers[0].priority' is 255, outside 1...254"])
    }

    @Test func exportLeavesThePeersOutAndRoundTrips() async throws {
        let repo = try TempRepo()
        let file = repo.root.appendingPathComponent("relay1.yaml").path
        let export = try await runStrata(["export", "relay1.example.com", "--repo", Self.pair, "-o", file])
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("""
              failover:
                router_id: 51
                interface: Data1
                addresses:
                - 198.51.100.100/24
                advert_interval: 1s
                secret:
                  env: VRRP_SECRET
                preempt: true
                monitor:
                  listener: IncomingMail
                  interval: 1s
                  fall: 2
                  rise: 2
              failover_priority: 150

            """))
        #expect(!text.contains("peers"))
        let validate = try await runStrata(["validate", "--standalone", file])
        #expect(validate.stdout == "valid: standalone machine relay1.example.com: 0 errors, 0 warnings\n")
        #expect(validate.status == 0)
        // Alone, the machine has no peers; everything else is what the cluster gave it.
        var diagnostics = Diagnostics()
        let root = YAMLParser.parse(Array(text.utf8), file: file, diagnostics: &diagnostics)
        let standalone = try #require(StandaloneCompiler.compile(DeclaredFile(path: file, root: root, parsed: true)).effective)
        var expected = try JSONParser.parse(Self.relay1Failover.replacingOccurrences(
            of: #"[{"machine": "relay2.example.com", "address": "198.51.100.12", "priority": 100}]"#, with: "[]"))
        #expect(standalone[feature: "failover"].map { JSON($0.value) } == expected)
        expected = .int(150)
        #expect(standalone[feature: "failover_priority"].map { JSON($0.value) } == expected)
    }

    @Test func theAgentsDecoderReadsNullAsNoFailover() throws {
        let (decoded, diagnostics) = CanonicalDecoder.decode(
            .object([("failover", .null), ("failover_priority", .null)]), machine: MachineName("m1.example.com"))
        #expect(diagnostics.all == [])
        let configuration = try #require(decoded)
        #expect(configuration[feature: "failover"] == nil)
        #expect(configuration[feature: "failover_priority"] == nil)
        #expect(configuration[feature: "mta"] != nil)
        // A feature with a default is not absent by null: that stays a type error.
        let (_, mtaNull) = CanonicalDecoder.decode(.object([("mta", .null)]), machine: MachineName("m1.example.com"))
        #expect(mtaNull.all.map(\.code) == [.typeMismatch])
    }
}
