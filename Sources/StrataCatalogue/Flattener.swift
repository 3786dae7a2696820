public import StrataModel

/// The inheritance rule: for each feature, the machine's value, else its group's, else the cluster's, else the default
/// (a feature without a default, such as `failover`, is then absent).
public enum Flattener {
    /// The effective configuration of one machine of `group` (a machine without a known group has none: the
    /// caller leaves it out, so there is never a group without a name).
    public static func flatten(machine: MachineSpec, group: GroupName, cluster: CompiledCluster) -> EffectiveConfiguration {
        let chain = [machine.settings, cluster.groups[group], cluster.clusterSettings].compactMap { $0 }
        var features: [ResolvedFeature] = []
        features.reserveCapacity(Catalogue.features.count)
        for definition in Catalogue.features {
            let configuring = chain.filter { $0[feature: definition.name] != nil }
            if let winner = configuring.first, let configured = winner[feature: definition.name] {
                features.append(ResolvedFeature(
                    name: definition.name.rawValue, value: configured.value, provenance: .configured(winner.mode),
                    overrides: configuring.dropFirst().map(\.mode), location: configured.location))
            } else if let value = definition.defaultValue(machine.name) {
                features.append(ResolvedFeature(name: definition.name.rawValue, value: value, provenance: .defaultValue, overrides: []))
            }
        }
        return EffectiveConfiguration(
            cluster: cluster.name, group: group, machine: machine.name, features: features)
    }
}
