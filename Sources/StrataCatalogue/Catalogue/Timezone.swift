import StrataModel

/// `timezone` (cluster or group mode): the IANA time zone.
enum Timezone {
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .timezone, levels: [.cluster, .group], type: .string(.timezone),
            summary: "IANA time zone name", default: .string("UTC"))
        definition.shapeText = "IANA zone name"
        definition.defaultText = "`UTC`"
        return definition
    }()
}

extension FeatureName {
    /// `timezone`.
    public static let timezone = FeatureName("timezone")
}
