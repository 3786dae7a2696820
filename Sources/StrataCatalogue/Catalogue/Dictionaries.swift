import StrataModel

/// `dictionaries` (any mode): word lists for content filters.
enum Dictionaries {
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "dictionary name"),
        FieldSchema("words", .strings(.text), .emptyList, "the words or phrases"),
        FieldSchema("case_sensitive", .boolean, .defaultBoolean(false), "whether matching is case-sensitive"),
    ])
    static let definition = FeatureDefinition(
        .dictionaries, itemNoun: "dictionary", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "content dictionaries", default: .list([]))
}

extension FeatureName {
    /// `dictionaries`.
    public static let dictionaries = FeatureName("dictionaries")
}
