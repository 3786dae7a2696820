import StrataModel
import StrataLoad
import StrataGit
import StrataYAML

extension Workspace {
    /// Both sides of `diff REV REV2`. Two commits are read in one libgit2 session; a cluster whose tree is the same
    /// in both is compiled once and shared (its machines cannot differ). Only when the first side has no errors:
    /// otherwise, and for the working tree or one --cluster, each side is loaded on its own as before.
    static func loadPair(_ location: RepositoryLocation, _ rev: String, _ rev2: String?, cluster: String?) throws -> (Workspace, Workspace) {
        guard let rev2, cluster == nil, let git = location.git else {
            return (try load(location, revision: rev, cluster: cluster), try load(location, revision: rev2, cluster: cluster))
        }
        let pair: GitSnapshotPair
        do {
            pair = try git.snapshots(
                of: rev, rev2, under: GitRevisionSource.join(location.prefix, "clusters"), maxBlobBytes: YAMLLimits.standard.maxFileBytes)
        } catch {
            // The sides' own loading says what is wrong with a revision, in its usual words.
            return (try load(location, revision: rev, cluster: nil), try load(location, revision: rev2, cluster: nil))
        }
        let firstSource = GitRevisionSource(snapshot: pair.first, revision: rev, prefix: location.prefix)
        let before = try load(firstSource, location: location, revision: (rev, pair.first.commit), cluster: nil)
        guard !before.result.diagnostics.hasErrors else {
            return (before, try load(location, revision: rev2, cluster: nil))
        }
        let unchanged = Set(pair.unchanged.map(ClusterName.init))
        let after = try load(
            GitRevisionSource(snapshot: pair.second, revision: rev2, prefix: location.prefix), location: location,
            revision: (rev2, pair.second.commit), cluster: nil, skipping: unchanged,
            reusing: before.result.clusters.filter { unchanged.contains($0.name) })
        return (before, after)
    }
}
