import StrataModel

extension PlannedCluster {
    var fileJSON: JSON {
        let connection: JSON
        switch self.connection {
        case .embedded(let directory, let version):
            connection = .object([("kind", .string(ClusterConnection.Kind.embedded.rawValue)), ("directory", .string(directory)), ("version", .string(version))])
        case .agents(let access):
            connection = .object([
                ("kind", .string(ClusterConnection.Kind.agents.rawValue)), ("tls", .string(access.tls.rawValue)), ("token", .optional(access.token?.description)),
                ("ca_file", .optional(access.caFile)), ("port", .int(access.port)),
            ])
        }
        return .object([
            ("cluster", .string(cluster.rawValue)), ("connection", connection), ("requires_version", .optional(requiredVersion)),
            ("commit", .optional(commit)), ("warnings", .array(warnings.map(JSON.string))),
        ])
    }

    init(fileJSON json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "plan cluster")
        try reader.requireOnly(["cluster", "connection", "requires_version", "commit", "warnings"])
        let name = try reader.string("cluster")
        let connectionReader = try JSONObjectReader(try reader.required("connection"), context: "connection of cluster \(name)")
        let connection: ClusterConnection
        let kind = try connectionReader.string("kind")
        switch ClusterConnection.Kind(rawValue: kind) {
        case .embedded?:
            try connectionReader.requireOnly(["kind", "directory", "version"])
            connection = .embedded(directory: try connectionReader.string("directory"), version: try connectionReader.string("version"))
        case .agents?:
            try connectionReader.requireOnly(["kind", "tls", "token", "ca_file", "port"])
            guard let tls = AgentTLS(rawValue: try connectionReader.string("tls")) else {
                throw JSONObjectReader.Failure("the TLS mode of cluster \(name) in the plan file is not enforce, permissive or off")
            }
            connection = .agents(AgentAccess(
                tls: tls, token: try connectionReader.optionalString("token").map(SecretReference.parse) ?? nil,
                caFile: try connectionReader.optionalString("ca_file"), port: try connectionReader.int("port")))
        case nil:
            throw JSONObjectReader.Failure("unknown connection kind '\(kind)' of cluster \(name) in the plan file")
        }
        var warnings: [String] = []
        for item in try Plan.array(reader, "warnings") { warnings.append(item.stringValue ?? "") }
        self.init(
            cluster: ClusterName(name), connection: connection, requiredVersion: try reader.optionalString("requires_version"),
            commit: try reader.optionalString("commit"), warnings: warnings)
    }
}

extension SecretReference {
    /// `env:NAME` or `file:PATH` back into a reference; nil when malformed.
    static func parse(_ text: String) -> SecretReference? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let source = Source(rawValue: parts[0]), !parts[1].isEmpty else { return nil }
        return SecretReference(source: source, name: parts[1])
    }
}
