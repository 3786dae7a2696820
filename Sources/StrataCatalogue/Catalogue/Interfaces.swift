import StrataModel

/// `interfaces` (machine mode): the machine's IP interfaces.
enum Interfaces {
    static let services = ["ssh", "http", "https", "ccs"]
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "interface name that listeners refer to"),
        FieldSchema("address", .string(.cidr), .required, "address with prefix length, e.g. 192.0.2.10/24"),
        FieldSchema("hostname", .string(.fqdn), .optional, "host name answered on this interface"),
        FieldSchema("services", .list(.choice(services), minimumCount: 0), .emptyList, "management services on this interface"),
    ])
    static let definition = FeatureDefinition(
        .interfaces, itemNoun: "interface", levels: [.machine], type: .keyedList(schema, key: "name"),
        summary: "IP interfaces of the machine", default: .list([]))
}

extension FeatureName {
    /// `interfaces`.
    public static let interfaces = FeatureName("interfaces")
}
