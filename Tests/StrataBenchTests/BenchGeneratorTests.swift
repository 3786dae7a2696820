import Foundation
import Testing
import StrataBench
import StrataModel
import StrataCompile
import StrataTestSupport

/// The benchmark fleet generator: deterministic, and its repository is valid.
@Suite("Bench generator")
struct BenchGeneratorTests {
    static let small = FleetShape(clusters: 2, groups: 4, machines: 12, smtpRoutes: 40, hatRows: 10, unsubscribe: 8, users: 3)

    @Test func theSameShapeGivesTheSameBytes() {
        let first = FleetGenerator(shape: Self.small)
        let second = FleetGenerator(shape: Self.small)
        for cluster in 0..<Self.small.clusters {
            #expect(first.strataFiles(cluster: cluster) == second.strataFiles(cluster: cluster))
            #expect(first.ansibleFiles(cluster: cluster) == second.ansibleFiles(cluster: cluster))
        }
        #expect(first.ansibleHosts() == second.ansibleHosts())
    }

    @Test func everyMachineHasAFileInBothTrees() {
        let generator = FleetGenerator(shape: Self.small)
        let strata = generator.strataFiles(cluster: 1).map(\.path)
        let ansible = generator.ansibleFiles(cluster: 1).map(\.path)
        #expect(strata.filter { $0.hasPrefix("clusters/c002/machines/") }.count == 12)
        #expect(ansible.filter { $0.hasPrefix("host_vars/") }.count == 12)
        #expect(strata.contains("clusters/c002/groups/g1.yaml"))
        // g1 configures nothing: Ansible needs no group_vars file for it.
        #expect(!ansible.contains("group_vars/c002_g1.yml"))
        #expect(generator.ansibleHosts().text.contains("mx0012.c002.example.net:"))
    }

    @Test func theGeneratedRepositoryValidatesCleanly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let summary = try FleetWriter(shape: Self.small).write(to: root)
        #expect(summary.strataFiles == 2 * (1 + 4 + 12))
        let repo = try TempRepo()
        try FileManager.default.removeItem(at: repo.root)
        try FileManager.default.copyItem(atPath: root + "/strata", toPath: repo.path)
        let result = try repo.compile()
        #expect(result.diagnostics.errorCount == 0, "\(result.diagnostics.sorted.prefix(5).map(\.message))")
        #expect(result.diagnostics.warningCount == 0)
        let machines = result.clusters.flatMap(\.effective)
        #expect(machines.count == 24)
        // Configured-empty overrides stay empty: machine 8 (index 7) overrides global_unsubscribe with [].
        let emptied = try #require(machines.first { $0.machine.rawValue == "mx0008.c001.example.net" })
        #expect(emptied[feature: "global_unsubscribe"]?.value == .list([]))
        #expect(emptied[feature: "global_unsubscribe"]?.provenance.description == "machine:mx0008.c001.example.net")
    }
}
