import StrataModel

/// `text_resources` (any mode): footers, disclaimers, notifications, bounce texts.
enum TextResources {
    static let types = ["footer", "disclaimer", "notification", "bounce"]
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "resource name"),
        FieldSchema("type", .choice(types), .required, "footer, disclaimer, notification or bounce"),
        FieldSchema("text", .string(.text), .required, "the text"),
    ])
    static let definition = FeatureDefinition(
        .textResources, itemNoun: "text resource", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "footers, disclaimers and notification texts", default: .list([]))
}

extension FeatureName {
    /// `text_resources`.
    public static let textResources = FeatureName("text_resources")
}
