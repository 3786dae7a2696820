public import StrataModel

/// One cluster of a plan.
public struct PlannedCluster: Sendable, Hashable {
    /// The cluster.
    public var cluster: ClusterName
    /// Embedded state store or agents (the token as a reference only).
    public var connection: ClusterConnection
    /// `requires.version`, checked again when applying.
    public var requiredVersion: String?
    /// The commit of the cluster's files when they were clean at HEAD; sent with each apply.
    public var commit: String?
    /// Warnings about reaching its machines (plain HTTP beyond loopback).
    public var warnings: [String]

    /// Creates a cluster entry.
    public init(cluster: ClusterName, connection: ClusterConnection, requiredVersion: String?, commit: String?, warnings: [String] = []) {
        self.cluster = cluster
        self.connection = connection
        self.requiredVersion = requiredVersion
        self.commit = commit
        self.warnings = warnings
    }
}
