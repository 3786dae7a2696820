import Foundation
import Testing
@testable import StrataCLI
import StrataBench
import StrataModel
import StrataPlan
import StrataTestSupport

/// `diff REV REV2` reads both commits in one session and compiles a cluster whose tree did not change once:
/// what it finds must be what loading each side on its own finds.
@Suite("diff of two commits shares unchanged clusters")
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
        #expect(before.result.diagnostics.sorted == separateBefore.result.diagnostics.sorted)
        #expect(after.result.diagnostics.sorted == separateAfter.result.diagnostics.sorted)
        #expect(after.result.clusters.map(\.name) == separateAfter.result.clusters.map(\.name))
        let pair = Workspace.diff(before, after, shared: shared)
        let separate = ConfigDiffer.diff(
            before: separateBefore.result.clusters.flatMap(\.effective), after: separateAfter.result.clusters.flatMap(\.effective))
        #expect(pair.json.rendered() == separate.json.rendered())
        #expect(pair == separate)
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

    @Test func anInvalidSideIsLoadedAsBefore() throws {
        let repo = try Self.fleet()
        try repo.write("clusters/c004/machines/broken.example.net.yaml", "group: [\n")
        try repo.commitAll("fleet")
        try repo.remove("clusters/c004/machines/broken.example.net.yaml")
        try repo.commitAll("fixed")
        _ = try Self.compare(repo)
    }
}
