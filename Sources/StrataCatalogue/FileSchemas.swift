import StrataModel

/// The top-level keys of each kind of file, as record schemas the decoder checks.
package enum FileSchemas {
    package static let requires = RecordSchema([
        FieldSchema("version", .string(.text), .optional, "software version every agent must report"),
        FieldSchema("addressing", .choice(["hostname", "ip"]), .optional, "machine names are all host names, or all IP addresses"),
        FieldSchema("max_machines", .integer(1...10_000), .defaultInteger(20), "above this many machines: a warning"),
    ])

    package static let agents = RecordSchema([
        FieldSchema("port", .port, .defaultInteger(7443), "the agents' TCP port"),
        FieldSchema("tls", .choice(["enforce", "permissive", "off"]), .defaultString("enforce"), "TLS verification mode"),
        FieldSchema("token", .secret, .optional, "bearer token: {env: NAME} or {file: PATH}"),
        FieldSchema("ca_file", .string(.text), .optional, "CA bundle used to verify agents with tls: enforce"),
    ])

    /// Top-level keys of cluster.yaml.
    package static let clusterKeys = ["requires", "agents", "settings"]
    /// Top-level keys of a group file.
    package static let groupKeys = ["settings"]
    /// Top-level keys of a machine file.
    package static let machineKeys = ["group", "serial", "agent", "settings"]
    /// Top-level keys of a standalone export.
    package static let standaloneKeys = ["standalone", "serial", "settings"]
}
