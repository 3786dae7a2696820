import StrataModel

/// `failover` (group mode; cluster mode in a one-group cluster): the virtual addresses a group's machines share
/// through VRRP, and the listener whose SMTP banner proves a machine healthy.
enum Failover {
    static let monitor = RecordSchema([
        FieldSchema("listener", .name, .required, "the listener whose SMTP banner must answer",
                    reference: ReferenceTarget(feature: .listeners, noun: "listener")),
        FieldSchema("interval", .duration, .defaultDuration(2), "time between two checks"),
        FieldSchema("fall", .integer(1...255), .defaultInteger(2), "failed checks in a row that make the machine faulty"),
        FieldSchema("rise", .integer(1...255), .defaultInteger(2), "passed checks in a row that make it healthy again"),
    ])
    /// One other machine of the group, as the compiler resolves it.
    static let peer = RecordSchema([
        FieldSchema("machine", .string(.host), .required, "the other machine"),
        FieldSchema("address", .string(.ipAddress), .required, "its address on the failover interface"),
        FieldSchema("priority", .integer(FailoverPriority.range), .required, "its failover_priority"),
    ])
    static let schema = RecordSchema([
        FieldSchema("router_id", .integer(1...255), .required, "VRRP virtual router id, unique in the cluster"),
        FieldSchema("interface", .name, .required, "the interface the virtual addresses live on",
                    reference: ReferenceTarget(feature: .interfaces, noun: "interface")),
        FieldSchema("addresses", .list(.string(.cidr), minimumCount: 1), .required,
                    "virtual addresses with prefix length, inside the interface's subnet"),
        FieldSchema("advert_interval", .duration, .defaultDuration(1), "time between two VRRP advertisements"),
        FieldSchema("secret", .secret, .required, "VRRP password: {env: NAME} or {file: PATH}, at most 8 characters"),
        FieldSchema("preempt", .boolean, .defaultBoolean(true), "the highest priority takes the addresses back when it recovers"),
        FieldSchema("monitor", .record(monitor), .optional, "the health check that moves the addresses away"),
        FieldSchema("peers", .list(.record(peer), minimumCount: 0), .emptyList,
                    "the other machines of the group (derived by the compiler)", derived: true),
    ])
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .failover, levels: [.cluster, .group], type: .record(schema),
            summary: "virtual addresses the group's machines take over from each other (VRRP)", default: nil)
        definition.defaultText = "absent: no failover"
        return definition
    }()
}

extension FeatureName {
    /// `failover`.
    public static let failover = FeatureName("failover")
}
