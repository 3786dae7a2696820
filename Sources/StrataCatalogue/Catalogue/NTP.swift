import StrataModel

/// `ntp` (cluster or group mode): time servers.
enum NTP {
    static let schema = RecordSchema([
        FieldSchema("servers", .strings(.host), .emptyList, "NTP servers, host names or addresses"),
    ])
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .ntp, levels: [.cluster, .group], type: .record(schema), summary: "time servers",
            default: schema.defaultRecord)
        definition.defaultText = "no servers"
        return definition
    }()
}

extension FeatureName {
    /// `ntp`.
    public static let ntp = FeatureName("ntp")
}
