public import Logging
public import StrataModel
public import StrataPlan
import StrataState

/// A compiled configuration's machines and how to reach them, ready to be compared with what they run: what
/// `plan`, `apply`, `status` and `check` share.
public struct LiveSession: Sendable {
    /// The configuration root (relative secret and CA files are taken from here; embedded state lives below it).
    public let root: String
    /// Every cluster's machines and how to reach them.
    public let clusters: [ClusterTargets]
    /// The effective configurations to compare with the live ones.
    public let desired: [EffectiveConfiguration]
    /// The commit of each cluster whose files are clean at HEAD (sent with each apply).
    public let commits: [ClusterName: String]
    /// Secrets from the given environment; relative files from the root.
    public let secrets: SecretResolver
    /// Timeouts of the calls to agents.
    public let connection: ConnectionOptions
    /// Where the agent clients log.
    public let logger: Logger

    /// A session over compiled clusters (without errors) found under `root`.
    public init(
        compiled: [CompiledCluster], root: String, commits: [ClusterName: String], environment: [String: String],
        connection: ConnectionOptions, logger: Logger
    ) {
        self.root = root
        self.clusters = compiled.map { ClusterTargets($0, repositoryRoot: root) }
        self.desired = compiled.flatMap(\.effective)
        self.commits = commits
        self.secrets = SecretResolver(environment: environment, baseDirectory: root)
        self.connection = connection
        self.logger = logger
    }

    /// Things the operator should know about reaching the machines (plain HTTP beyond loopback).
    public var warnings: [String] { clusters.flatMap(\.warnings) }

    /// Every machine's live state, at most `parallel` read at once.
    public func readStates(parallel: Int) async throws -> [LiveMachine] {
        let clusters = self.clusters
        return try await AgentConnections.with(clusters, options: connection, secrets: secrets, logger: logger) { connections in
            await LiveStateReader.fetch(clusters.flatMap(\.machines), using: connections, parallel: parallel)
        }
    }

    /// Every machine's live state, then the plan; with `history`, machines that left the repository are looked
    /// for (``departures(from:history:parallel:)``) and planned for release. Embedded clusters need no history.
    public func plan(
        parallel: Int, history: ClusterHistory? = nil, elsewhere: Set<MachineName> = [], removed: RemovedMachines = [:]
    ) async throws -> Plan {
        let live = try await readStates(parallel: parallel)
        let plan = Planner.plan(
            clusters: clusters, desired: desired, live: live, commits: commits, secrets: secrets, createdAt: Timestamp.now())
        let departed = try await departures(
            from: live, history: history, elsewhere: elsewhere, removed: removed, parallel: parallel)
        let (releases, warnings) = Planner.releases(departed.machines)
        return plan.adding(releases: releases, warnings: departed.warnings.merging(warnings) { $0 + $1 })
    }

    /// How to apply a plan of this session.
    public func application(rollout: Rollout.Options, readParallel: Int) -> PlanApplication {
        PlanApplication(
            targets: clusters, secrets: secrets, connection: connection, logger: logger, rollout: rollout, readParallel: readParallel)
    }
}
