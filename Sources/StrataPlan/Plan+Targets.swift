import StrataModel

extension Plan {
    /// The machines with how to reach them again (for re-reading their states).
    public var targets: [ClusterTargets] {
        clusters.map { cluster in
            ClusterTargets(
                cluster: cluster.cluster, connection: cluster.connection, requiredVersion: cluster.requiredVersion,
                machines: machines.filter { $0.cluster == cluster.cluster }.map { $0.target(requiredVersion: cluster.requiredVersion) })
        }
    }
}
