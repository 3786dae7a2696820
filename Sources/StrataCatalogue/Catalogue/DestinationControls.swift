import StrataModel

/// `destination_controls` (any mode): outbound limits per destination; they apply per machine.
enum DestinationControls {
    static let schema = RecordSchema([
        FieldSchema("destination", .string(.domainOrDefault), .required, "destination domain or `default`"),
        FieldSchema("max_connections", .integer(1...10_000), .defaultInteger(500), "concurrent connections per machine"),
        FieldSchema("max_messages_per_connection", .integer(1...10_000), .defaultInteger(50), "messages per connection"),
        FieldSchema("tls", .choice(["off", "preferred", "required"]), .defaultString("off"), "TLS towards the destination"),
    ])
    static let definition = FeatureDefinition(
        .destinationControls, itemNoun: "destination control", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "destination"),
        summary: "destination controls (limits apply per machine)", default: .list([]))
}

extension FeatureName {
    /// `destination_controls`.
    public static let destinationControls = FeatureName("destination_controls")
}
