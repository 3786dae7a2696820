import StrataModel

/// `listeners` (any mode): SMTP listeners and their access tables and references.
enum Listeners {
    static let hatPolicies = ["accept", "relay", "reject", "tcprefuse", "continue"]
    static let ratActions = ["accept", "reject"]
    static let hatRow = RecordSchema([
        FieldSchema("match", .string(.text), .required, "sender host, address range or domain pattern"),
        FieldSchema("policy", .choice(hatPolicies), .required, "what to do with matching senders"),
    ])
    static let ratRow = RecordSchema([
        FieldSchema("recipient", .string(.text), .required, "recipient address or domain pattern, or ALL"),
        FieldSchema("action", .choice(ratActions), .required, "accept or reject"),
    ])
    static let ldapQueries = RecordSchema([
        FieldSchema("accept", .name, .optional, "LDAP accept query",
                    reference: ReferenceTarget(feature: .ldap, path: ["queries"], noun: "LDAP query", allowedTypes: ["accept"])),
        FieldSchema("routing", .name, .optional, "LDAP routing query",
                    reference: ReferenceTarget(feature: .ldap, path: ["queries"], noun: "LDAP query", allowedTypes: ["routing"])),
        FieldSchema("masquerade", .name, .optional, "LDAP masquerade query",
                    reference: ReferenceTarget(feature: .ldap, path: ["queries"], noun: "LDAP query", allowedTypes: ["masquerade"])),
        FieldSchema("group", .name, .optional, "LDAP group query",
                    reference: ReferenceTarget(feature: .ldap, path: ["queries"], noun: "LDAP query", allowedTypes: ["group"])),
    ])
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "listener name"),
        FieldSchema("interface", .name, .required, "the interface it binds",
                    reference: ReferenceTarget(feature: .interfaces, noun: "interface")),
        FieldSchema("port", .port, .defaultInteger(25), "TCP port"),
        FieldSchema("type", .choice(["public", "private"]), .defaultString("public"), "public (receiving) or private (relaying)"),
        FieldSchema("hat", .list(.record(hatRow), minimumCount: 0), .emptyList, "host access table rows, first match wins"),
        FieldSchema("rat", .list(.record(ratRow), minimumCount: 0), .emptyList, "recipient access table rows"),
        FieldSchema("footer", .name, .optional, "text resource appended to messages",
                    reference: ReferenceTarget(feature: .textResources, noun: "footer", allowedTypes: ["footer", "disclaimer"])),
        FieldSchema("bounce_profile", .name, .optional, "bounce profile",
                    reference: ReferenceTarget(feature: .bounceProfiles, noun: "bounce profile")),
        FieldSchema("smtp_auth_profile", .name, .optional, "SMTP authentication profile",
                    reference: ReferenceTarget(feature: .smtpAuthProfiles, noun: "SMTP auth profile")),
        FieldSchema("ldap", .record(ldapQueries), .defaulted(.record([])), "LDAP queries used by the listener"),
        FieldSchema("max_connections", .integer(1...100_000), .defaultInteger(50), "concurrent inbound connections"),
    ])
    static let definition = FeatureDefinition(
        .listeners, itemNoun: "listener", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "SMTP listeners", default: .list([]))
}

extension FeatureName {
    /// `listeners`.
    public static let listeners = FeatureName("listeners")
}
