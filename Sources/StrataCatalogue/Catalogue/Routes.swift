import StrataModel

/// `routes` (machine mode): static IP routes.
enum Routes {
    static let schema = RecordSchema([
        FieldSchema("destination", .string(.route), .required, "destination network (CIDR) or `default`"),
        FieldSchema("gateway", .string(.ipAddress), .required, "next-hop address"),
    ])
    static let definition = FeatureDefinition(
        .routes, itemNoun: "route", levels: [.machine], type: .keyedList(schema, key: "destination"),
        summary: "static IP routes", default: .list([]))
}

extension FeatureName {
    /// `routes`.
    public static let routes = FeatureName("routes")
}
