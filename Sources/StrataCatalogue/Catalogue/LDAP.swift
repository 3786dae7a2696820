import StrataModel

/// `ldap` (any mode): LDAP servers and the queries listeners and profiles use.
enum LDAP {
    static let queryTypes = ["accept", "routing", "masquerade", "group", "smtp_auth"]
    static let server = RecordSchema([
        FieldSchema("name", .name, .required, "server profile name"),
        FieldSchema("hosts", .list(.string(.host), minimumCount: 1), .required, "LDAP hosts, tried in order"),
        FieldSchema("port", .port, .defaultInteger(389), "TCP port"),
        FieldSchema("base_dn", .string(.text), .required, "search base"),
        FieldSchema("bind_dn", .string(.text), .optional, "bind identity"),
        FieldSchema("bind_password", .secret, .optional, "bind password: {env: NAME} or {file: PATH}"),
    ])
    static let query = RecordSchema([
        FieldSchema("name", .name, .required, "query name"),
        FieldSchema("server", .name, .required, "LDAP server profile",
                    reference: ReferenceTarget(feature: .ldap, path: ["servers"], noun: "LDAP server")),
        FieldSchema("type", .choice(queryTypes), .required, "accept, routing, masquerade, group or smtp_auth"),
        FieldSchema("filter", .string(.text), .required, "LDAP filter, e.g. (mail={a})"),
    ])
    static let schema = RecordSchema([
        FieldSchema("servers", .keyedList(server, key: "name"), .emptyList, "server profiles", itemNoun: "LDAP server"),
        FieldSchema("queries", .keyedList(query, key: "name"), .emptyList, "queries", itemNoun: "LDAP query"),
    ])
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .ldap, levels: [.cluster, .group, .machine], type: .record(schema), summary: "LDAP servers and queries",
            default: schema.defaultRecord)
        definition.shapeText = "record of two keyed lists"
        definition.defaultText = "no servers, no queries"
        return definition
    }()
}

extension FeatureName {
    /// `ldap`.
    public static let ldap = FeatureName("ldap")
}
