import StrataModel

/// `feature_keys` (machine mode): licence keys, each unique across the cluster.
enum FeatureKeys {
    static let schema = RecordSchema([
        FieldSchema("feature", .name, .required, "the licensed feature"),
        FieldSchema("key", .string(.text), .required, "the licence key (unique across the cluster)"),
    ])
    static let definition = FeatureDefinition(
        .featureKeys, itemNoun: "feature key", levels: [.machine], type: .keyedList(schema, key: "feature"),
        summary: "licence keys of the machine", default: .list([]))
}

extension FeatureName {
    /// `feature_keys`.
    public static let featureKeys = FeatureName("feature_keys")
}
