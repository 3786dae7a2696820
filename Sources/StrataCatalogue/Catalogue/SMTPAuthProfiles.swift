import StrataModel

/// `smtp_auth_profiles` (any mode): SMTP AUTH through an LDAP query.
enum SMTPAuthProfiles {
    static let schema = RecordSchema([
        FieldSchema("name", .name, .required, "profile name"),
        FieldSchema("ldap_query", .name, .required, "LDAP query of type smtp_auth",
                    reference: ReferenceTarget(feature: .ldap, path: ["queries"], noun: "LDAP query", allowedTypes: ["smtp_auth"])),
    ])
    static let definition = FeatureDefinition(
        .smtpAuthProfiles, itemNoun: "SMTP auth profile", levels: [.cluster, .group, .machine], type: .keyedList(schema, key: "name"),
        summary: "SMTP authentication profiles", default: .list([]))
}

extension FeatureName {
    /// `smtp_auth_profiles`.
    public static let smtpAuthProfiles = FeatureName("smtp_auth_profiles")
}
