/// The flattened configuration of one machine: every catalogue feature with its value and provenance.
public struct EffectiveConfiguration: Sendable, Hashable {
    /// The cluster the machine belongs to.
    public var cluster: ClusterName
    /// The machine's group.
    public var group: GroupName
    /// The machine.
    public var machine: MachineName
    /// Every feature in catalogue order.
    public var features: [ResolvedFeature]

    /// Creates a configuration.
    public init(cluster: ClusterName, group: GroupName, machine: MachineName, features: [ResolvedFeature]) {
        self.cluster = cluster
        self.group = group
        self.machine = machine
        self.features = features
    }

    /// The resolved feature with this name, if it is in the catalogue.
    public subscript(feature name: String) -> ResolvedFeature? {
        features.first { $0.name == name }
    }
}

/// Where a feature's effective value came from.
public enum Provenance: Sendable, Hashable, CustomStringConvertible {
    /// Configured in a mode.
    case configured(Mode)
    /// No mode configures it: the catalogue default.
    case defaultValue

    /// `cluster`, `group:NAME`, `machine:NAME` or `default`.
    public var description: String {
        switch self {
        case .configured(let mode): mode.description
        case .defaultValue: "default"
        }
    }
}

/// One feature of a machine's effective configuration.
public struct ResolvedFeature: Sendable, Hashable {
    /// The feature name.
    public var name: String
    /// The effective value (defaults filled in).
    public var value: Value
    /// Where it came from.
    public var provenance: Provenance
    /// The higher modes that also configure it and that this value overrides, narrowest first.
    public var overrides: [Mode]
    /// Where the winning mode configures the feature (its key), nil for defaults.
    public var location: SourceLocation?

    /// Creates a resolved feature.
    public init(name: String, value: Value, provenance: Provenance, overrides: [Mode], location: SourceLocation? = nil) {
        self.name = name
        self.value = value
        self.provenance = provenance
        self.overrides = overrides
        self.location = location
    }
}
