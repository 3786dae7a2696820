import StrataModel

/// `dns` (any mode): resolvers, or the root servers.
enum DNS {
    static let schema = RecordSchema([
        FieldSchema("servers", .rootOrList(.string(.ipAddress)), .defaultString("root"), "resolver addresses, or `root` for the Internet root servers"),
        FieldSchema("timeout", .duration, .defaultDuration(5), "query timeout"),
    ])
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .dns, levels: [.cluster, .group, .machine], type: .record(schema), summary: "DNS resolution",
            default: schema.defaultRecord)
        definition.defaultText = "root servers, 5 s timeout"
        return definition
    }()
}

extension FeatureName {
    /// `dns`.
    public static let dns = FeatureName("dns")
}
