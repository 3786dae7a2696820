public import StrataModel

extension Plan {
    /// The plan file: `format`, `format_version`, `created_at`, the clusters (how machines are reached, the token
    /// as a reference, `requires.version`, the commit) and per machine its expected live generation, desired
    /// configuration (secrets as references), desired hash and changes. Never a secret's value.
    ///
    /// Changes keep each value's kind (`{"duration": 300}`) so that a plan read back shows exactly what was planned.
    public var fileJSON: JSON {
        .object([
            ("format", .string(Self.formatName)), ("format_version", .int(Self.formatVersion)),
            ("created_at", .string(createdAt)),
            ("summary", summary.json),
            ("clusters", .array(clusters.map(\.fileJSON))),
            ("machines", .array(machines.map(\.fileJSON))),
        ])
    }

    /// Reads a plan file; refuses another format, another version, and anything malformed.
    public init(fileJSON json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "plan file")
        guard (try? reader.string("format")) == Self.formatName else {
            throw JSONObjectReader.Failure("this is not a Strata plan file (its 'format' is not '\(Self.formatName)')")
        }
        let version = try reader.int("format_version")
        guard version == Self.formatVersion else {
            throw JSONObjectReader.Failure(
                "the plan file has format version \(version); this strata reads version \(Self.formatVersion): make the plan again with this strata")
        }
        try reader.requireOnly(["format", "format_version", "created_at", "summary", "clusters", "machines"])
        var clusters: [PlannedCluster] = []
        for item in try Self.array(reader, "clusters") { clusters.append(try PlannedCluster(fileJSON: item)) }
        var machines: [PlannedMachine] = []
        for item in try Self.array(reader, "machines") { machines.append(try PlannedMachine(fileJSON: item)) }
        for machine in machines where !clusters.contains(where: { $0.cluster == machine.cluster }) {
            throw JSONObjectReader.Failure("machine \(machine.label) of the plan file belongs to no cluster of the plan")
        }
        self.init(createdAt: try reader.string("created_at"), clusters: clusters, machines: machines)
    }

    static func array(_ reader: JSONObjectReader, _ key: String) throws(JSONObjectReader.Failure) -> [JSON] {
        guard let value = reader.optional(key) else { return [] }
        guard case .array(let items) = value else { throw JSONObjectReader.Failure("field '\(key)' of the plan file must be a list") }
        return items
    }
}
