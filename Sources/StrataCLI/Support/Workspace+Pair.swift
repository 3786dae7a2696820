import StrataModel
import StrataLoad
import StrataGit
import StrataYAML
import StrataPlan

extension Workspace {
    /// Both sides of `diff REV REV2`. Two commits are read in one libgit2 session; a cluster whose tree is the same
    /// in both is read and compiled in neither (its machines cannot differ): only its machine files are named, for
    /// the check of machines in several clusters. For the working tree or one --cluster, each side is loaded whole.
    /// `shared` names the clusters left out, with their machines.
    static func loadPair(
        _ location: RepositoryLocation, _ rev: String, _ rev2: String?, cluster: String?
    ) throws -> (before: Workspace, after: Workspace, shared: [ClusterName: [MachineName: String]]) {
        guard let rev2, cluster == nil, let git = location.git else {
            return (try load(location, revision: rev, cluster: cluster), try load(location, revision: rev2, cluster: cluster), [:])
        }
        let pair: GitSnapshotPair
        do {
            pair = try git.snapshots(
                of: rev, rev2, under: GitRevisionSource.join(location.prefix, "clusters"), maxBlobBytes: YAMLLimits.standard.maxFileBytes)
        } catch {
            // The sides' own loading says what is wrong with a revision, in its usual words.
            return (try load(location, revision: rev, cluster: nil), try load(location, revision: rev2, cluster: nil), [:])
        }
        let shared = machineFiles(pair, prefix: location.prefix)
        let skipping = Set(shared.keys)
        let before = try load(
            GitRevisionSource(snapshot: pair.first, revision: rev, prefix: location.prefix), location: location,
            revision: (rev, pair.first.commit), cluster: nil, skipping: skipping, elsewhere: shared)
        let after = try load(
            GitRevisionSource(snapshot: pair.second, revision: rev2, prefix: location.prefix), location: location,
            revision: (rev2, pair.second.commit), cluster: nil, skipping: skipping, elsewhere: shared)
        return (before, after, shared)
    }

    /// The machine files (machine → path) of each cluster the same in both revisions, as the loader would name them:
    /// `clusters/<cluster>/machines/<machine>.yaml`, the machine a valid name.
    private static func machineFiles(_ pair: GitSnapshotPair, prefix: String) -> [ClusterName: [MachineName: String]] {
        var files = Dictionary(uniqueKeysWithValues: pair.unchanged.map { (ClusterName($0), [MachineName: String]()) })
        let root = GitRevisionSource.join(prefix, "clusters") + "/"
        for path in pair.unchangedFiles where path.hasPrefix(root) {
            let parts = path.dropFirst(root.count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "machines", parts[2].hasSuffix(".yaml") else { continue }
            let name = String(parts[2].dropLast(5))
            guard NameRules.isValidMachineName(name) else { continue }
            files[ClusterName(String(parts[0]))]?[MachineName(name)] = "clusters/\(parts[0])/machines/\(parts[2])"
        }
        return files
    }

    /// The effective difference of two sides; the machines of `shared` clusters, left out of both, are unchanged.
    static func diff(_ before: Workspace, _ after: Workspace, shared: [ClusterName: [MachineName: String]]) -> ConfigDiff {
        let compared = ConfigDiffer.diff(before: before.result.clusters.flatMap(\.effective), after: after.result.clusters.flatMap(\.effective))
        let same = shared.keys.sorted().flatMap { cluster in
            (shared[cluster] ?? [:]).keys.sorted().map { MachineDiff(machine: $0, cluster: cluster, action: .noop, changes: []) }
        }
        return ConfigDiff(machines: compared.machines + same)
    }
}
