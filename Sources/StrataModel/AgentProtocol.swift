/// The node agent's HTTP+JSON API, version 1 (`/v1/...`); documented in Docs/agent-api.md.
public enum AgentAPI {
    /// `GET`: the agent's state.
    public static let statePath = "/v1/state"
    /// `POST`: apply a configuration.
    public static let applyPath = "/v1/apply"
    /// `POST`: roll back to an earlier generation.
    public static let rollbackPath = "/v1/rollback"
    /// `GET`: liveness and identity.
    public static let healthPath = "/v1/health"
    /// `GET`: Prometheus text metrics.
    public static let metricsPath = "/metrics"
}

/// One kept generation, as listed in a state read.
public struct GenerationSummary: Sendable, Hashable {
    /// The generation number (1, 2, ...).
    public var generation: Int
    /// SHA-256 of the configuration and secret digests.
    public var configHash: String
    /// The git commit the configuration came from, if known.
    public var appliedCommit: String?
    /// When it was applied (ISO 8601, UTC).
    public var appliedAt: String
    /// Who applied it.
    public var appliedBy: String?
    /// For a rollback: the generation whose configuration it restored.
    public var restoredFrom: Int?

    /// Creates a summary.
    public init(generation: Int, configHash: String, appliedCommit: String?, appliedAt: String, appliedBy: String?, restoredFrom: Int? = nil) {
        self.generation = generation
        self.configHash = configHash
        self.appliedCommit = appliedCommit
        self.appliedAt = appliedAt
        self.appliedBy = appliedBy
        self.restoredFrom = restoredFrom
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("generation", .int(generation)), ("config_hash", .string(configHash)),
            ("applied_commit", .optional(appliedCommit)), ("applied_at", .string(appliedAt)),
            ("applied_by", .optional(appliedBy)), ("restored_from", restoredFrom.map(JSON.int) ?? .null),
        ])
    }

    /// Reads the JSON form strictly.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "generation")
        try reader.requireOnly(["generation", "config_hash", "applied_commit", "applied_at", "applied_by", "restored_from"])
        self.init(
            generation: try reader.int("generation"), configHash: try reader.string("config_hash"),
            appliedCommit: try reader.optionalString("applied_commit"), appliedAt: try reader.string("applied_at"),
            appliedBy: try reader.optionalString("applied_by"), restoredFrom: reader.optional("restored_from")?.intValue)
    }
}

/// What `GET /v1/state` returns: identity, the current generation and its configuration (never secret values).
public struct AgentState: Sendable, Equatable {
    /// The machine name the agent serves.
    public var machine: String
    /// The software version the agent reports (compared with `requires.version`).
    public var version: String
    /// The current generation; 0 before the first apply.
    public var generation: Int
    /// The current generation's details (nil at generation 0).
    public var current: GenerationSummary?
    /// The effective configuration: `{feature: canonical value}`, secrets as `{"secret": "env:NAME"}`.
    public var configuration: JSON?
    /// SHA-256 of each secret's value, by reference (`env:NAME`), so rotations show as changes.
    public var secretDigests: [String: String]
    /// Generations kept for rollback, newest first.
    public var history: [GenerationSummary]
    /// What the backends report (warnings of this apply, drift, queue); nil when they have nothing to say.
    public var backend: BackendReport?
    /// The machine's release, when it left its cluster at the current generation (`POST /v1/release`).
    public var release: ReleaseRecord?

    /// Creates a state.
    public init(
        machine: String, version: String, generation: Int, current: GenerationSummary?, configuration: JSON?,
        secretDigests: [String: String], history: [GenerationSummary], backend: BackendReport? = nil
    ) {
        self.machine = machine
        self.version = version
        self.generation = generation
        self.current = current
        self.configuration = configuration
        self.secretDigests = secretDigests
        self.history = history
        self.backend = backend
    }

    /// The JSON form.
    public var json: JSON {
        var fields: [(String, JSON)] = [
            ("machine", .string(machine)), ("version", .string(version)), ("generation", .int(generation)),
            ("current", current?.json ?? .null), ("configuration", configuration ?? .null),
            ("secret_digests", .object(secretDigests.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("history", .array(history.map(\.json))),
        ]
        if let backend, !backend.isEmpty { fields.append(("backend", backend.json)) }
        if let release { fields.append(("release", release.json)) }
        return .object(fields)
    }

    /// Reads the JSON form. An answer, so leniently (DECISIONS, the wire rule): fields this controller does
    /// not know, from a newer agent, are ignored.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "state")
        var history: [GenerationSummary] = []
        if case .array(let items)? = reader.optional("history") {
            for item in items { history.append(try GenerationSummary(json: item)) }
        }
        self.init(
            machine: try reader.string("machine"), version: try reader.string("version"), generation: try reader.int("generation"),
            current: try reader.optional("current").map { (value: JSON) throws(JSONObjectReader.Failure) in try GenerationSummary(json: value) },
            configuration: reader.optional("configuration"), secretDigests: try reader.stringMap("secret_digests"), history: history,
            backend: reader.optional("backend").map(BackendReport.init(json:)))
        if let release = reader.optional("release"), release != .null { self.release = try ReleaseRecord(json: release) }
    }
}

/// `POST /v1/apply`: a configuration for one machine, valid only if the agent is still at `expectedGeneration`.
public struct ApplyRequest: Sendable, Equatable {
    /// The machine it is addressed to; another agent refuses it.
    public var machine: String
    /// The generation the controller planned against; a mismatch is a 409 and nothing changes.
    public var expectedGeneration: Int
    /// `{feature: canonical value}` with secrets as references.
    public var configuration: JSON
    /// Resolved secret values by reference (`env:NAME` → value): sent only to the machine that needs them.
    public var secrets: [String: String]
    /// The git commit of the configuration, if known.
    public var commit: String?
    /// Who applies it (user@host).
    public var appliedBy: String?

    /// Creates a request.
    public init(machine: String, expectedGeneration: Int, configuration: JSON, secrets: [String: String], commit: String?, appliedBy: String?) {
        self.machine = machine
        self.expectedGeneration = expectedGeneration
        self.configuration = configuration
        self.secrets = secrets
        self.commit = commit
        self.appliedBy = appliedBy
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("machine", .string(machine)), ("expected_generation", .int(expectedGeneration)),
            ("configuration", configuration),
            ("secrets", .object(secrets.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("commit", .optional(commit)), ("applied_by", .optional(appliedBy)),
        ])
    }

    /// Reads the JSON form strictly: unknown fields are refused.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "apply request")
        try reader.requireOnly(["machine", "expected_generation", "configuration", "secrets", "commit", "applied_by"])
        let configuration = try reader.required("configuration")
        guard case .object = configuration else { throw JSONObjectReader.Failure("field 'configuration' in apply request must be an object") }
        self.init(
            machine: try reader.string("machine"), expectedGeneration: try reader.int("expected_generation"),
            configuration: configuration, secrets: try reader.stringMap("secrets"),
            commit: try reader.optionalString("commit"), appliedBy: try reader.optionalString("applied_by"))
    }
}

/// `POST /v1/rollback`: make an earlier generation's configuration current again (as a new generation).
public struct RollbackRequest: Sendable, Hashable {
    /// The machine it is addressed to.
    public var machine: String
    /// The generation the controller expects to be current.
    public var expectedGeneration: Int
    /// The kept generation to restore.
    public var toGeneration: Int
    /// Who rolls back.
    public var appliedBy: String?

    /// Creates a request.
    public init(machine: String, expectedGeneration: Int, toGeneration: Int, appliedBy: String?) {
        self.machine = machine
        self.expectedGeneration = expectedGeneration
        self.toGeneration = toGeneration
        self.appliedBy = appliedBy
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("machine", .string(machine)), ("expected_generation", .int(expectedGeneration)),
            ("to_generation", .int(toGeneration)), ("applied_by", .optional(appliedBy)),
        ])
    }

    /// Reads the JSON form strictly.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "rollback request")
        try reader.requireOnly(["machine", "expected_generation", "to_generation", "applied_by"])
        self.init(
            machine: try reader.string("machine"), expectedGeneration: try reader.int("expected_generation"),
            toGeneration: try reader.int("to_generation"), appliedBy: try reader.optionalString("applied_by"))
    }
}

/// The body of every non-2xx answer: `{"error": {"code", "message", "output_tail"?, "diagnostics"?}, "state"?}`.
public struct AgentErrorBody: Sendable, Equatable {
    /// The stable code; an unknown one (from a newer agent) is kept as sent.
    public var code: AgentErrorCode
    /// What went wrong.
    public var message: String
    /// The end of the backend command's output, for apply/health failures.
    public var outputTail: String?
    /// The agent's own check findings, for 422.
    public var diagnostics: JSON?
    /// The state after the failure (e.g. rolled back), when known.
    public var state: AgentState?

    /// Creates an error body.
    public init(code: AgentErrorCode, message: String, outputTail: String? = nil, diagnostics: JSON? = nil, state: AgentState? = nil) {
        self.code = code
        self.message = message
        self.outputTail = outputTail
        self.diagnostics = diagnostics
        self.state = state
    }

    /// The JSON form.
    public var json: JSON {
        var error: [(String, JSON)] = [("code", .string(code.rawValue)), ("message", .string(message))]
        if let outputTail { error.append(("output_tail", .string(outputTail))) }
        if let diagnostics { error.append(("diagnostics", diagnostics)) }
        var fields: [(String, JSON)] = [("error", .object(error))]
        if let state { fields.append(("state", state.json)) }
        return .object(fields)
    }

    /// Reads the JSON form (leniently: this is shown to people, not trusted).
    public init?(json: JSON) {
        guard let error = json["error"], let code = error["code"]?.stringValue, let message = error["message"]?.stringValue else { return nil }
        self.init(
            code: AgentErrorCode(rawValue: code), message: message, outputTail: error["output_tail"]?.stringValue, diagnostics: error["diagnostics"],
            state: json["state"].flatMap { try? AgentState(json: $0) })
    }
}
