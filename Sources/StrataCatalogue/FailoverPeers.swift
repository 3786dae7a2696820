public import StrataModel

/// Fills in the derived `peers` of each machine's effective `failover`: the other machines of its group in name
/// order, each with its address on the failover interface (no prefix length) and its failover_priority. The agent
/// then needs nothing but the machine's own configuration to render keepalived's unicast peers.
public enum FailoverPeers {
    /// The one feature whose effective value differs between machines that resolve it from the same mode.
    public static let feature = FeatureName.failover

    /// `configurations` (one cluster's machines) with every failover's `peers` resolved.
    public static func resolve(_ configurations: [EffectiveConfiguration]) -> [EffectiveConfiguration] {
        guard configurations.contains(where: { $0[feature: .failover] != nil }) else { return configurations }
        var byGroup: [GroupName: [EffectiveConfiguration]] = [:]
        for configuration in configurations { byGroup[configuration.group, default: []].append(configuration) }
        return configurations.map { configuration in
            guard let index = configuration.features.firstIndex(where: { $0.name == FeatureName.failover.rawValue }) else {
                return configuration
            }
            var resolved = configuration
            let failover = configuration.features[index].value
            let interface = failover[field: "interface"]?.stringValue ?? ""
            let members = (byGroup[configuration.group] ?? []).sorted { $0.machine < $1.machine }
            let peers = members.filter { $0.machine != configuration.machine }.compactMap { peer(of: $0, interface: interface) }
            resolved.features[index].value = replacing("peers", with: .list(peers), in: failover)
            return resolved
        }
    }

    /// A peer entry, or nil when the machine lacks the interface or a priority (the checks report both).
    private static func peer(of machine: EffectiveConfiguration, interface: String) -> Value? {
        let item = machine[feature: .interfaces]?.value.listItems?.first { $0[field: "name"]?.stringValue == interface }
        guard let cidr = item?[field: "address"]?.stringValue,
              let priority = machine[feature: .failoverPriority]?.value.integerValue else { return nil }
        let address = cidr.split(separator: "/", maxSplits: 1).first.map(String.init) ?? cidr
        return .record([
            Field("machine", .string(machine.machine.rawValue)), Field("address", .string(address)),
            Field("priority", .integer(priority)),
        ])
    }

    private static func replacing(_ name: String, with value: Value, in record: Value) -> Value {
        var fields = record.recordFields ?? []
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].value = value
        } else {
            fields.append(Field(name, value))
        }
        return Value(.record(fields), at: record.location)
    }
}

extension ResolvedFeature {
    /// The cluster or group mode this value comes from when every machine of the cluster that resolves the feature
    /// from that mode has the same value (so a rendering or a comparison can be shared between them); nil for machine
    /// modes, defaults and values resolved per machine (``FailoverPeers``).
    public var sharedMode: Mode? {
        guard case .configured(let mode) = provenance, mode.level != .machine, name != FailoverPeers.feature.rawValue else { return nil }
        return mode
    }
}
