import StrataModel

extension PlannedMachine {
    var fileJSON: JSON {
        var endpointFields: [(String, JSON)] = [("agent", .string(endpoint.address))]
        if case .embedded(let directory) = endpoint { endpointFields.append(("state_directory", .string(directory))) }
        // `destructive` only when some change is: the reader takes its absence for none.
        let guarded: [(String, JSON)] = destructive.isEmpty ? [] : [("destructive", .array(destructive.map(\.json)))]
        return .object(
            [("cluster", .string(cluster.rawValue)), ("machine", .string(machine.rawValue))] + endpointFields + guarded + [
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
            "notes", "config_hash", "secret_references", "configuration", "changes", "destructive",
        ])
        let name = try reader.string("machine")
        let endpoint = try MachineTarget.Endpoint(address: try reader.string("agent")) { () throws(JSONObjectReader.Failure) in
            try reader.string("state_directory")
        }
        // In a plan, `delete` releases a machine that left the repository (never tears it down).
        guard let action = MachineAction(rawValue: try reader.string("action")) else {
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
        if action.changesMachine, (try? reader.int("expected_generation")) == nil {
            throw JSONObjectReader.Failure("machine \(name) of the plan file is to be changed but has no expected generation")
        }
        self.init(
            cluster: ClusterName(try reader.string("cluster")), machine: MachineName(name), endpoint: endpoint, action: action,
            reachable: reader.optional("reachable") == .bool(true), version: try reader.optionalString("version"),
            liveGeneration: reader.optional("expected_generation")?.intValue, problem: problem,
            changes: try Self.changes(fromTagged: reader.optional("changes"), machine: name), notes: notes,
            configuration: configuration, configHash: try reader.optionalString("config_hash"), secretReferences: references)
        destructive = try Self.destructive(reader.optional("destructive"), machine: name)
    }

    /// The destructive changes of a plan file; a finding this build cannot read refuses the file (applying it
    /// would skip the guard).
    static func destructive(_ json: JSON?, machine: String) throws(JSONObjectReader.Failure) -> [DestructiveChange] {
        guard let json else { return [] }
        guard case .array(let items) = json else {
            throw JSONObjectReader.Failure("the destructive changes of machine \(machine) in the plan file cannot be read: not a list")
        }
        var found: [DestructiveChange] = []
        for item in items {
            guard let finding = DestructiveChange(json: item) else {
                throw JSONObjectReader.Failure("machine \(machine) of the plan file has a destructive change this strata cannot read")
            }
            found.append(finding)
        }
        return found
    }

    /// Changes with tagged values, so that a plan read back shows exactly what was planned.
    static func taggedChanges(_ changes: [ConfigChange]) -> JSON { .array(changes.map(\.storedJSON)) }

    static func changes(fromTagged json: JSON?, machine: String) throws(JSONObjectReader.Failure) -> [ConfigChange] {
        guard let json else { return [] }
        guard case .array(let items) = json else {
            throw JSONObjectReader.Failure("the changes of machine \(machine) in the plan file cannot be read: not a list")
        }
        var changes: [ConfigChange] = []
        for item in items {
            do {
                changes.append(try ConfigChange(storedJSON: item))
            } catch {
                throw JSONObjectReader.Failure("the changes of machine \(machine) in the plan file cannot be read: \(error)")
            }
        }
        return changes
    }
}
