import Foundation
import StrataModel
import StrataPlan
import StrataApply
import StrataGit

/// How `plan`, `apply` and `status` see a cluster at the commit its machines last applied (to find the machines
/// removed since): that commit's files read from git, compiled, and turned into targets (their agent URLs).
enum GitClusterHistory {
    /// Why a commit gives no machines.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The machines with a file in any cluster of the working tree (`clusters/*/machines/*.yaml`), so that a
    /// machine moved to a cluster that `--cluster` left out is not taken for one that left.
    static func machinesInTree(root: String) -> Set<MachineName> {
        let manager = FileManager.default
        var names = Set<MachineName>()
        for cluster in (try? manager.contentsOfDirectory(atPath: root + "/clusters")) ?? [] {
            for file in (try? manager.contentsOfDirectory(atPath: root + "/clusters/\(cluster)/machines")) ?? [] where file.hasSuffix(".yaml") {
                names.insert(MachineName(String(file.dropLast(5))))
            }
        }
        return names
    }

    /// How many commits of HEAD's first-parent history are searched for removed machine files.
    static let removalDepth = 200

    /// The machines whose files `clusters/<cluster>/machines/` lost in the last ``removalDepth`` commits of HEAD's
    /// first-parent history, with the newest commit that still had each file; empty without git or when the history
    /// cannot be read (then only the commits the remaining machines last applied are searched).
    static func removedMachines(_ location: RepositoryLocation) -> RemovedMachines {
        guard let git = location.git else { return [:] }
        let prefix = location.prefix.isEmpty ? "clusters" : location.prefix + "/clusters"
        guard let files = try? git.removedFiles(under: prefix, limit: removalDepth) else { return [:] }
        var removed: RemovedMachines = [:]
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "machines", parts[2].hasSuffix(".yaml") else { continue }
            removed[ClusterName(String(parts[0])), default: [:]][MachineName(String(parts[2].dropLast(5)))] = file.lastCommit
        }
        return removed
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
