import Foundation
import Testing
import StrataModel
import StrataCatalogue
import StrataTestSupport

/// The JSON Schemas for editors: failover where the compiler accepts it, without the derived peers.
@Suite("Failover schemas")
struct FailoverSchemaTests {
    func settings(_ kind: JSONSchemaGenerator.FileKind) -> JSON? {
        JSONSchemaGenerator.schema(for: kind)["properties"]?["settings"]?["properties"]
    }

    @Test func groupAndClusterFilesDescribeFailoverWithoutPeers() throws {
        for kind in [JSONSchemaGenerator.FileKind.group, .cluster, .standalone] {
            let failover = try #require(settings(kind)?["failover"], "\(kind)")
            #expect(failover["properties"]?.objectKeys == [
                "router_id", "interface", "addresses", "advert_interval", "secret", "preempt", "monitor",
            ])
            #expect(failover["required"] == .array(["router_id", "interface", "addresses", "secret"].map(JSON.string)))
            #expect(failover["additionalProperties"] == .bool(false))
            #expect(failover["properties"]?["router_id"] == .object([
                ("description", .string("VRRP virtual router id, unique in the cluster")),
                ("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(255)),
            ]))
            #expect(failover["properties"]?["monitor"]?["required"] == .array([.string("listener")]))
        }
        #expect(settings(.machine)?["failover"] == nil)
    }

    @Test func failoverPriorityIsMachineModeOneTo254() throws {
        let priority = try #require(settings(.machine)?["failover_priority"])
        #expect(priority["minimum"] == .int(1))
        #expect(priority["maximum"] == .int(254))
        #expect(settings(.group)?["failover_priority"] == nil)
        #expect(settings(.cluster)?["failover_priority"] == nil)
    }

    @Test func theCommittedSchemasAreTheGeneratedOnes() throws {
        for kind in JSONSchemaGenerator.FileKind.allCases {
            let path = TestPaths.packageRoot.appendingPathComponent("schemas/\(kind.rawValue).schema.json").path
            let committed = try String(contentsOfFile: path, encoding: .utf8)
            #expect(committed == JSONSchemaGenerator.schema(for: kind).rendered() + "\n", "schemas/\(kind.rawValue).schema.json: run make schemas")
        }
    }
}
