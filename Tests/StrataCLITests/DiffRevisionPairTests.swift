import Foundation
import Testing
@testable import StrataCLI
import StrataBench
import StrataModel
import StrataPlan
import StrataTestSupport

/// `diff REV REV2` reads both commits in one session and leaves out a cluster whose tree did not change, on both
/// sides: what it finds in the others, and the diff, must be what loading each side whole finds.
@Suite("diff of two commits leaves out unchanged clusters")
struct DiffRevisionPairTests {
    static func fleet() throws -> TempRepo {
        let shape = FleetShape(clusters: 4, groups: 2, machines: 6, smtpRoutes: 12, hatRows: 4, unsubscribe: 4, users: 2)
        let generator = FleetGenerator(shape: shape)
        let repo = try TempRepo()
        for file in generator.strataFiles() { try repo.write(file.path, file.text) }
        return repo
    }

    /// The pair's diff and diagnostics against separate loading, as the JSON contract renders them.
    static func compare(_ repo: TempRepo) throws -> ConfigDiff {
        let location = try RepositoryLocation.locate(repo.path)
        let (before, after, shared) = try Workspace.loadPair(location, "HEAD~1", "HEAD", cluster: nil)
        let separateBefore = try Workspace.load(location, revision: "HEAD~1", cluster: nil)
        let separateAfter = try Workspace.load(location, revision: "HEAD", cluster: nil)
        let compared = { (diagnostic: Diagnostic) in !shared.keys.contains { diagnostic.location.file.hasPrefix("clusters/\($0)/") } }
        #expect(before.result.diagnostics.sorted == separateBefore.result.diagnostics.sorted.filter(compared))
        #expect(after.result.diagnostics.sorted == separateAfter.result.diagnostics.sorted.filter(compared))
        #expect(after.result.clusters.map(\.name) == separateAfter.result.clusters.map(\.name).filter { shared[$0] == nil })
        let pair = Workspace.diff(before, after, shared: shared)
        let separate = ConfigDiffer.diff(
            before: separateBefore.result.clusters.flatMap(\.effective), after: separateAfter.result.clusters.flatMap(\.effective))
        #expect(pair.json.rendered() == separate.json.rendered())
        #expect(pair == separate)
        // Features compared once per cluster and mode give each machine what comparing it alone gives.
        let beforeByName = Dictionary(uniqueKeysWithValues: separateBefore.result.clusters.flatMap(\.effective).map { ($0.machine, $0) })
        for machine in separateAfter.result.clusters.flatMap(\.effective) {
            guard let old = beforeByName[machine.machine], let found = pair.machines.first(where: { $0.machine == machine.machine }) else { continue }
            #expect(found.changes == ConfigDiffer.changes(before: old, after: machine), "\(machine.machine)")
        }
        return pair
    }

    @Test func oneChangedClusterGivesTheSameDiff() throws {
        let repo = try Self.fleet()
        try repo.commitAll("fleet")
        try repo.replace("clusters/c002/groups/g2.yaml", ":25\"", with: ":26\"")
        try repo.commitAll("routes")
        let diff = try Self.compare(repo)
        #expect(try Workspace.loadPair(RepositoryLocation.locate(repo.path), "HEAD~1", "HEAD", cluster: nil).shared.count == 3)
        let changed = diff.machines.filter { !$0.changes.isEmpty }
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { $0.cluster.rawValue == "c002" })
    }

    /// A cluster whose tree is unchanged but that links to a file of a changed cluster is read again.
    @Test func aLinkIntoAChangedClusterIsFollowed() throws {
        let repo = try Self.fleet()
        try repo.remove("clusters/c001/groups/g2.yaml")
        try FileManager.default.createSymbolicLink(
            atPath: repo.path + "/clusters/c001/groups/g2.yaml", withDestinationPath: "../../c003/groups/g2.yaml")
        try repo.commitAll("fleet")
        try repo.replace("clusters/c003/groups/g2.yaml", ":25\"", with: ":26\"")
        try repo.commitAll("routes")
        let diff = try Self.compare(repo)
        #expect(Set(diff.machines.filter { !$0.changes.isEmpty }.map(\.cluster.rawValue)) == ["c001", "c003"])
    }

    /// An error in a changed cluster is reported for the side that has it; an unchanged cluster is not read again,
    /// so its error (the same in both revisions) is `validate`'s to report, not diff's.
    @Test func errorsOfChangedClustersAreReported() throws {
        let repo = try Self.fleet()
        try repo.write("clusters/c004/machines/broken.example.net.yaml", "group: [\n")
        try repo.write("clusters/c002/machines/broken.example.net.yaml", "group: [\n")
        try repo.commitAll("fleet")
        try repo.remove("clusters/c004/machines/broken.example.net.yaml")
        try repo.commitAll("fixed")
        let location = try RepositoryLocation.locate(repo.path)
        let (before, after, shared) = try Workspace.loadPair(location, "HEAD~1", "HEAD", cluster: nil)
        #expect(Set(shared.keys.map(\.rawValue)) == ["c001", "c002", "c003"])
        let separate = try Workspace.load(location, revision: "HEAD~1", cluster: nil)
        let inChanged = separate.result.diagnostics.sorted.filter { $0.location.file.hasPrefix("clusters/c004/") }
        #expect(!inChanged.isEmpty)
        #expect(before.result.diagnostics.sorted == inChanged)
        #expect(!after.result.diagnostics.hasErrors)
    }

    /// A machine added to a changed cluster that an unchanged cluster already has is found, though the unchanged
    /// cluster is not read: its machine files are named from the tree.
    @Test func aMachineAlsoInAnUnchangedClusterIsFound() throws {
        let repo = try Self.fleet()
        try repo.commitAll("fleet")
        let machine = try #require(try FileManager.default.contentsOfDirectory(atPath: repo.path + "/clusters/c001/machines").sorted().first)
        let text = try String(contentsOfFile: repo.path + "/clusters/c003/machines/" + (try FileManager.default
            .contentsOfDirectory(atPath: repo.path + "/clusters/c003/machines").sorted().first ?? ""), encoding: .utf8)
        try repo.write("clusters/c003/machines/" + machine, text)
        try repo.commitAll("a machine of c001 in c003 too")
        let location = try RepositoryLocation.locate(repo.path)
        let (_, after, shared) = try Workspace.loadPair(location, "HEAD~1", "HEAD", cluster: nil)
        #expect(shared[ClusterName("c001")]?[MachineName(String(machine.dropLast(5)))] == "clusters/c001/machines/" + machine)
        let found = after.result.diagnostics.sorted.filter { $0.code == .machineInSeveralClusters }
        #expect(found.map(\.location.file) == ["clusters/c003/machines/" + machine])
        #expect(found.map(\.message) == ["machine '\(machine.dropLast(5))' is in cluster 'c003' and in cluster 'c001'; a machine belongs to one cluster"])
        #expect(found.first?.notes.map { $0.location?.file } == ["clusters/c001/machines/" + machine])
        let separate = try Workspace.load(location, revision: "HEAD", cluster: nil)
        #expect(separate.result.diagnostics.sorted.filter { $0.code == .machineInSeveralClusters } == found)
    }
}
