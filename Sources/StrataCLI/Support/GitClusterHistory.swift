import StrataModel
import StrataPlan
import StrataApply

/// How `plan`, `apply` and `status` see a cluster at the commit its machines last applied (to find the machines
/// removed since): that commit's files read from git, compiled, and turned into targets (their agent URLs).
enum GitClusterHistory {
    /// Why a commit gives no machines.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The history of a located repository; nil without git (then only embedded clusters find removed machines).
    static func make(_ location: RepositoryLocation, root: String) -> ClusterHistory? {
        guard location.git != nil else { return nil }
        return { cluster, commit in
            let workspace: Workspace
            do {
                workspace = try Workspace.load(location, revision: commit, cluster: cluster.rawValue)
            } catch let failure as CommandFailure {
                throw Failure(description: failure.message)
            }
            guard let compiled = workspace.result.clusters.first(where: { $0.name == cluster }) else {
                throw Failure(description: "the commit has no cluster \(cluster)")
            }
            return ClusterTargets(compiled, repositoryRoot: root)
        }
    }
}
