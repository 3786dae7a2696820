import StrataModel

/// `users` (cluster mode): administrative accounts.
enum Users {
    static let roles = ["admin", "operator", "read_only", "guest", "help_desk"]
    static let schema = RecordSchema(
        [
            FieldSchema("name", .name, .required, "login name"),
            FieldSchema("role", .choice(roles), .required, "what the account may do"),
            FieldSchema("password_hash", .string(.passwordHash), .required, "crypt hash, $6$ (SHA-512) or $2b$ (bcrypt)"),
        ],
        refused: [
            "password": RefusedKey(
                code: .plainPassword, message: "a plain-text password is never kept in the repository",
                help: "write `password_hash:` with a crypt hash, e.g. the output of `mkpasswd -m sha-512`"),
        ])
    static let definition = FeatureDefinition(
        .users, itemNoun: "user", levels: [.cluster], type: .keyedList(schema, key: "name"),
        summary: "administrative accounts", default: .list([]))
}

extension FeatureName {
    /// `users`.
    public static let users = FeatureName("users")
}
