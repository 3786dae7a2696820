import Foundation
import Logging
import StrataModel
import StrataPlan
import StrataApply

extension LiveSession {
    /// Loads and compiles the working tree; refuses a configuration with errors; warns about reaching machines.
    static func load(_ global: GlobalOptions, live: LiveOptions, console: Console) throws -> (LiveSession, Workspace) {
        let workspace = try Workspace.load(global)
        let clusters = workspace.result.clusters
        try workspace.refuseErrors(in: clusters.map(\.name), console: console)
        guard let root = workspace.location.root else {
            throw CommandFailure("this command needs a working tree; '\(global.repo)' has none")
        }
        guard !clusters.isEmpty else { throw CommandFailure("the repository has no cluster") }
        let session = LiveSession(
            compiled: clusters, root: root, commits: commits(workspace), environment: ProcessInfo.processInfo.environment,
            connection: live.connection, logger: commandLogger())
        let style = Style(enabled: console.colorStderr)
        for warning in session.warnings { console.err(style.yellow("warning:") + " \(warning.terminalSafe)\n") }
        return (session, workspace)
    }

    /// The plan of the working tree with the machines removed from the repository (found through the commits the
    /// machines last applied and the history of the machine files), as `plan` and `apply` make it; what that search
    /// could not look at is said on standard error (what was said at load is not said again).
    func planWithDepartures(_ workspace: Workspace, parallel: Int, console: Console) async throws -> Plan {
        let plan = try await self.plan(
            parallel: parallel, history: GitClusterHistory.make(workspace.location, root: root),
            elsewhere: GitClusterHistory.machinesInTree(root: root), removed: GitClusterHistory.removedMachines(workspace.location))
        let style = Style(enabled: console.colorStderr)
        for warning in plan.clusters.flatMap(\.warnings) where !warnings.contains(warning) {
            console.err(style.yellow("warning:") + " \(warning.terminalSafe)\n")
        }
        return plan
    }

    /// HEAD's id for each cluster whose files have no uncommitted change (sent as the applied commit).
    private static func commits(_ workspace: Workspace) -> [ClusterName: String] {
        guard let git = workspace.location.git, let head = try? git.headCommit() else { return [:] }
        var commits: [ClusterName: String] = [:]
        for cluster in workspace.result.clusters {
            let prefix = workspace.location.prefix
            let directory = (prefix.isEmpty ? "" : prefix + "/") + "clusters/\(cluster.name)"
            if let status = try? git.status(under: directory), status.isEmpty { commits[cluster.name] = head.id }
        }
        return commits
    }
}

/// Log lines on standard error: warnings and worse, or the level `STRATA_LOG_LEVEL` names.
func commandLogger() -> Logger {
    var logger = Logger(label: "strata") { label in StreamLogHandler.standardError(label: label) }
    let level = ProcessInfo.processInfo.environment["STRATA_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
    logger.logLevel = level ?? .warning
    return logger
}
