import StrataModel

/// `ssh` (cluster mode): SSH access to the machines.
enum SSH {
    static let defaultCiphers = ["aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"]
    static let schema = RecordSchema([
        FieldSchema("authorized_keys", .strings(.text), .emptyList, "public keys allowed to log in"),
        FieldSchema(
            "ciphers", .list(.string(.identifier), minimumCount: 1),
            .defaulted(.list(defaultCiphers.map(Value.string))), "ciphers offered"),
    ])
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .ssh, levels: [.cluster], type: .record(schema), summary: "SSH access",
            default: schema.defaultRecord)
        definition.defaultText = "no keys, five default ciphers"
        return definition
    }()
}

extension FeatureName {
    /// `ssh`.
    public static let ssh = FeatureName("ssh")
}
