import StrataModel
import StrataLoad
import StrataGit
import StrataYAML
import StrataPlan

extension Workspace {
    /// Both sides of `diff REV REV2`. Two commits are read in one libgit2 session; a cluster whose tree is the same
    /// in both is compiled once and shared (its machines cannot differ). Only when the first side has no errors:
    /// otherwise, and for the working tree or one --cluster, each side is loaded on its own as before.
    /// `shared` names the clusters compiled once for both sides.
    static func loadPair(
        _ location: RepositoryLocation, _ rev: String, _ rev2: String?, cluster: String?
    ) throws -> (before: Workspace, after: Workspace, shared: Set<ClusterName>) {
        guard let rev2, cluster == nil, let git = location.git else {
            return (try load(location, revision: rev, cluster: cluster), try load(location, revision: rev2, cluster: cluster), [])
        }
        let pair: GitSnapshotPair
        do {
            pair = try git.snapshots(
                of: rev, rev2, under: GitRevisionSource.join(location.prefix, "clusters"), maxBlobBytes: YAMLLimits.standard.maxFileBytes)
        } catch {
            // The sides' own loading says what is wrong with a revision, in its usual words.
            return (try load(location, revision: rev, cluster: nil), try load(location, revision: rev2, cluster: nil), [])
        }
        let firstSource = GitRevisionSource(snapshot: pair.first, revision: rev, prefix: location.prefix)
        let before = try load(firstSource, location: location, revision: (rev, pair.first.commit), cluster: nil)
        guard !before.result.diagnostics.hasErrors else {
            return (before, try load(location, revision: rev2, cluster: nil), [])
        }
        let unchanged = Set(pair.unchanged.map(ClusterName.init)).intersection(before.result.clusters.map(\.name))
        let after = try load(
            GitRevisionSource(snapshot: pair.second, revision: rev2, prefix: location.prefix), location: location,
            revision: (rev2, pair.second.commit), cluster: nil, skipping: unchanged,
            reusing: before.result.clusters.filter { unchanged.contains($0.name) })
        return (before, after, unchanged)
    }

    /// The effective difference of two sides; the machines of `shared` clusters are the same values on both
    /// sides, so they are unchanged without being compared.
    static func diff(_ before: Workspace, _ after: Workspace, shared: Set<ClusterName>) -> ConfigDiff {
        let own = { (workspace: Workspace) in workspace.result.clusters.filter { !shared.contains($0.name) }.flatMap(\.effective) }
        let compared = ConfigDiffer.diff(before: own(before), after: own(after))
        let same = after.result.clusters.filter { shared.contains($0.name) }.flatMap(\.effective).map { machine in
            MachineDiff(machine: machine.machine, cluster: machine.cluster, action: .noop, changes: [])
        }
        return ConfigDiff(machines: compared.machines + same)
    }
}
