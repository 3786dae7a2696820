public import StrataModel

/// One feature of the catalogue: its name, the levels it may be configured at, its schema and default.
public struct FeatureDefinition: Sendable {
    /// The key under `settings:`.
    public let name: FeatureName
    /// What one item of the feature's list is called in messages (`listener`); nil for a feature that is no list.
    public let itemNoun: String?
    /// Levels the feature may be configured at.
    public let levels: Set<Level>
    /// The type of its value.
    public let type: ValueType
    /// One-line description.
    public let summary: String
    /// Docs/features.md's words for the shape, when the type alone says it badly (`host name (an FQDN is recommended)`).
    public var shapeText: String?
    /// Docs/features.md's words for the default, when it is not the empty list (`the machine name`).
    public var defaultText: String?
    /// The value a machine gets when no mode configures the feature; nil when the feature then is absent from the
    /// machine's effective configuration (`failover`: a machine outside any failover group has none, not an empty one).
    public let defaultValue: @Sendable (MachineName) -> Value?

    /// Creates a feature whose default does not depend on the machine (nil: absent unless configured).
    public init(
        _ name: FeatureName, itemNoun: String? = nil, levels: Set<Level>, type: ValueType, summary: String, default value: Value?
    ) {
        self.name = name
        self.itemNoun = itemNoun
        self.levels = levels
        self.type = type
        self.summary = summary
        self.defaultValue = { _ in value }
    }

    /// Creates a feature with a per-machine default.
    public init(
        _ name: FeatureName, itemNoun: String? = nil, levels: Set<Level>, type: ValueType, summary: String,
        default value: @escaping @Sendable (MachineName) -> Value
    ) {
        self.name = name
        self.itemNoun = itemNoun
        self.levels = levels
        self.type = type
        self.summary = summary
        self.defaultValue = value
    }

    /// Whether every machine has the feature (it has a default); false for features absent unless configured.
    public var hasDefault: Bool { defaultValue(MachineName("machine")) != nil }

    /// `cluster, group or machine mode` for messages.
    public var allowedModesText: String {
        let names = Level.allCases.filter(levels.contains).map(\.rawValue)
        switch names.count {
        case 1: return "\(names[0]) mode only"
        case 2: return "\(names[0]) or \(names[1]) mode"
        default: return "cluster, group or machine mode"
        }
    }
}
