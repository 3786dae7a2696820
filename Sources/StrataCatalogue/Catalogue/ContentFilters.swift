import StrataModel

/// `content_filters` (any mode): filters matching dictionaries.
enum ContentFilters {
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "filter name"),
        FieldSchema("dictionary", .name, .optional, "dictionary whose words trigger the filter",
                    reference: ReferenceTarget(feature: .dictionaries, noun: "dictionary")),
        FieldSchema("add_footer", .name, .optional, "footer added to matching messages",
                    reference: ReferenceTarget(feature: .textResources, noun: "footer", allowedTypes: ["footer", "disclaimer"])),
        FieldSchema("action", .choice(["deliver", "drop", "quarantine"]), .defaultString("deliver"), "what happens to matching messages"),
    ])
    static let definition = FeatureDefinition(
        .contentFilters, itemNoun: "content filter", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "content filters", default: .list([]))
}

extension FeatureName {
    /// `content_filters`.
    public static let contentFilters = FeatureName("content_filters")
}
