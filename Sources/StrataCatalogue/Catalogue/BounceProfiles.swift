import StrataModel

/// `bounce_profiles` (any mode): retry and bounce behaviour.
enum BounceProfiles {
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "profile name"),
        FieldSchema("max_retries", .integer(0...10_000), .defaultInteger(100), "delivery attempts before bouncing"),
        FieldSchema("max_queue_lifetime", .duration, .defaultDuration(259_200), "longest time a message stays queued"),
        FieldSchema("initial_retry", .duration, .defaultDuration(60), "first retry interval"),
        FieldSchema("max_retry", .duration, .defaultDuration(3_600), "longest retry interval"),
        FieldSchema("send_bounces", .boolean, .defaultBoolean(true), "whether to send bounce messages"),
    ])
    static let definition = FeatureDefinition(
        .bounceProfiles, itemNoun: "bounce profile", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "bounce profiles", default: .list([]))
}

extension FeatureName {
    /// `bounce_profiles`.
    public static let bounceProfiles = FeatureName("bounce_profiles")
}
