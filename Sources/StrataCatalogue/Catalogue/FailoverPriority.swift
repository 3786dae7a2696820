import StrataModel

/// `failover_priority` (machine mode): the machine's VRRP priority in its group's failover; the highest holds the
/// virtual addresses.
enum FailoverPriority {
    /// 255 is the address owner in VRRP and 0 means "stepping down": neither may be configured.
    static let range = 1...254
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .failoverPriority, levels: [.machine], type: .integer(range),
            summary: "the machine's priority in its group's failover (highest holds the addresses)", default: nil)
        definition.shapeText = "integer 1-254"
        definition.defaultText = "absent"
        return definition
    }()
}

extension FeatureName {
    /// `failover_priority`.
    public static let failoverPriority = FeatureName("failover_priority")
}
