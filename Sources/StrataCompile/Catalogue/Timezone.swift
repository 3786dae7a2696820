import StrataModel

/// `timezone` (cluster or group mode): the IANA time zone.
enum Timezone {
    static let definition = FeatureDefinition(
        "timezone", levels: [.cluster, .group], type: .string(.timezone),
        summary: "IANA time zone name", default: .string("UTC"))
}
