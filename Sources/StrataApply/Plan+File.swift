import Foundation
public import StrataModel
import StrataPlan

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

extension PlannedCluster {
    var fileJSON: JSON {
        let connection: JSON
        switch self.connection {
        case .embedded(let directory, let version):
            connection = .object([("kind", .string("embedded")), ("directory", .string(directory)), ("version", .string(version))])
        case .agents(let access):
            connection = .object([
                ("kind", .string("agents")), ("tls", .string(access.tls.rawValue)), ("token", .optional(access.token?.description)),
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
        switch try connectionReader.string("kind") {
        case "embedded":
            try connectionReader.requireOnly(["kind", "directory", "version"])
            connection = .embedded(directory: try connectionReader.string("directory"), version: try connectionReader.string("version"))
        case "agents":
            try connectionReader.requireOnly(["kind", "tls", "token", "ca_file", "port"])
            guard let tls = AgentTLS(rawValue: try connectionReader.string("tls")) else {
                throw JSONObjectReader.Failure("the TLS mode of cluster \(name) in the plan file is not enforce, permissive or off")
            }
            connection = .agents(AgentAccess(
                tls: tls, token: try connectionReader.optionalString("token").map(SecretReference.parse) ?? nil,
                caFile: try connectionReader.optionalString("ca_file"), port: try connectionReader.int("port")))
        case let other:
            throw JSONObjectReader.Failure("unknown connection kind '\(other)' of cluster \(name) in the plan file")
        }
        var warnings: [String] = []
        for item in try Plan.array(reader, "warnings") { warnings.append(item.stringValue ?? "") }
        self.init(
            cluster: ClusterName(name), connection: connection, requiredVersion: try reader.optionalString("requires_version"),
            commit: try reader.optionalString("commit"), warnings: warnings)
    }
}

extension PlannedMachine {
    var fileJSON: JSON {
        var endpointFields: [(String, JSON)] = []
        switch endpoint {
        case .agent(let url): endpointFields = [("agent", .string(url))]
        case .embedded(let directory): endpointFields = [("agent", .string("embedded")), ("state_directory", .string(directory))]
        }
        return .object(
            [("cluster", .string(cluster.rawValue)), ("machine", .string(machine.rawValue))] + endpointFields + [
                ("action", .string(action.rawValue)), ("reachable", .bool(reachable)), ("version", .optional(version)),
                ("expected_generation", liveGeneration.map(JSON.int) ?? .null), ("error", problem?.json ?? .null),
                ("notes", .array(notes.map(JSON.string))), ("config_hash", .optional(configHash)),
                ("secret_references", .array(secretReferences.map { .string($0.description) })),
                ("configuration", configuration ?? .null), ("changes", Self.taggedChanges(changes)),
            ])
    }

    init(fileJSON json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "plan machine")
        try reader.requireOnly([
            "cluster", "machine", "agent", "state_directory", "action", "reachable", "version", "expected_generation", "error",
            "notes", "config_hash", "secret_references", "configuration", "changes",
        ])
        let name = try reader.string("machine")
        let agent = try reader.string("agent")
        let endpoint: MachineTarget.Endpoint =
            agent == "embedded" ? .embedded(directory: try reader.string("state_directory")) : .agent(url: agent)
        guard let action = PlanAction(rawValue: try reader.string("action")) else {
            throw JSONObjectReader.Failure("machine \(name) of the plan file has an unknown action")
        }
        var problem: AgentCallError?
        if let error = reader.optional("error") {
            let errorReader = try JSONObjectReader(error, context: "error of machine \(name)")
            problem = AgentCallError(
                AgentCallError.Code(rawValue: try errorReader.string("code")) ?? .badResponse, try errorReader.string("message"),
                cause: try errorReader.optionalString("cause"))
        }
        var references: [SecretReference] = []
        for item in try Plan.array(reader, "secret_references") {
            guard let reference = item.stringValue.flatMap(SecretReference.parse) else {
                throw JSONObjectReader.Failure("machine \(name) of the plan file has a malformed secret reference")
            }
            references.append(reference)
        }
        var notes: [String] = []
        for item in try Plan.array(reader, "notes") { notes.append(item.stringValue ?? "") }
        let configuration = reader.optional("configuration")
        if let configuration, configuration.objectKeys == nil {
            throw JSONObjectReader.Failure("the configuration of machine \(name) in the plan file is not an object")
        }
        if action == .create || action == .update, configuration == nil {
            throw JSONObjectReader.Failure("machine \(name) of the plan file is to be changed but has no configuration")
        }
        if action == .create || action == .update, (try? reader.int("expected_generation")) == nil {
            throw JSONObjectReader.Failure("machine \(name) of the plan file is to be changed but has no expected generation")
        }
        self.init(
            cluster: ClusterName(try reader.string("cluster")), machine: MachineName(name), endpoint: endpoint, action: action,
            reachable: reader.optional("reachable") == .bool(true), version: try reader.optionalString("version"),
            liveGeneration: reader.optional("expected_generation")?.intValue, problem: problem,
            changes: try Self.changes(fromTagged: reader.optional("changes"), machine: name), notes: notes,
            configuration: configuration, configHash: try reader.optionalString("config_hash"), secretReferences: references)
    }

    /// Changes in their Codable form (values tagged by kind), embedded as JSON.
    static func taggedChanges(_ changes: [ConfigChange]) -> JSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(changes), case .array(let items)? = try? JSONParser.parse([UInt8](data)) else {
            return .array([])
        }
        // path, before, after: the order of the output contract, easier to read than the encoder's sorted keys.
        return .array(items.map { item in
            guard case .object(let fields) = item else { return item }
            return .object(["path", "before", "after"].compactMap { key in fields.first { $0.0 == key } })
        })
    }

    static func changes(fromTagged json: JSON?, machine: String) throws(JSONObjectReader.Failure) -> [ConfigChange] {
        guard let json else { return [] }
        do {
            return try JSONDecoder().decode([ConfigChange].self, from: Data(json.rendered(pretty: false).utf8))
        } catch {
            throw JSONObjectReader.Failure("the changes of machine \(machine) in the plan file cannot be read: \(error)")
        }
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
