import StrataModel

/// Canonical configurations and requests used across the agent tests.
enum Fixtures {
    static let ldapSecret = "ldap-bind-password-91c2"

    /// A small valid configuration: one interface, one listener with a footer, an LDAP server with a secret.
    static func configuration(text: String = "Scanned by Strata.", footer: String = "disclaimer") -> JSON {
        .object([
            ("interfaces", .array([.object([("name", .string("Data1")), ("address", .string("198.51.100.10/24"))])])),
            ("listeners", .array([.object([
                ("name", .string("IncomingMail")), ("interface", .string("Data1")), ("port", .int(25)), ("type", .string("public")),
                ("footer", .string(footer)),
            ])])),
            ("text_resources", .array([.object([("name", .string("disclaimer")), ("type", .string("disclaimer")), ("text", .string(text))])])),
            ("ldap", .object([
                ("servers", .array([.object([
                    ("name", .string("corp")), ("hosts", .array([.string("ldap1.example.com")])), ("port", .int(636)),
                    ("base_dn", .string("dc=example,dc=com")), ("bind_dn", .string("cn=strata,dc=example,dc=com")),
                    ("bind_password", .object([("secret", .string("env:LDAP_PASSWORD"))])),
                ])])),
                ("queries", .array([])),
            ])),
        ])
    }

    static func apply(
        expected: Int, configuration: JSON = configuration(), secrets: [String: String] = ["env:LDAP_PASSWORD": ldapSecret],
        machine: String = AgentSandbox.machine, commit: String? = "0123abc"
    ) -> JSON {
        ApplyRequest(
            machine: machine, expectedGeneration: expected, configuration: configuration, secrets: secrets, commit: commit,
            appliedBy: "ops@laptop"
        ).json
    }

    static func rollback(expected: Int, to generation: Int, machine: String = AgentSandbox.machine) -> JSON {
        RollbackRequest(machine: machine, expectedGeneration: expected, toGeneration: generation, appliedBy: "ops@laptop").json
    }
}
