import StrataModel

/// `smtp_routes` (any mode): where mail for a domain is delivered.
enum SMTPRoutes {
    static let schema = RecordSchema([
        FieldSchema("domain", .string(.domainOrDefault), .required, "recipient domain, `.example.com` for subdomains, or `default`"),
        FieldSchema("destinations", .list(.string(.destination), minimumCount: 1), .required, "`host[:port]` entries or `/dev/null`"),
    ])
    static let definition = FeatureDefinition(
        .smtpRoutes, itemNoun: "SMTP route", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "domain"),
        summary: "SMTP routes", default: .list([]))
}

extension FeatureName {
    /// `smtp_routes`.
    public static let smtpRoutes = FeatureName("smtp_routes")
}
