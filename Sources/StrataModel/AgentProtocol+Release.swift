extension AgentAPI {
    /// `POST`: record that the machine left its cluster (it was removed from the repository).
    public static let releasePath = "/v1/release"
}

/// `POST /v1/release`: the machine was removed from the repository. The agent keeps serving its current
/// generation (nothing is wiped or reloaded) and records the release; a later apply supersedes it.
public struct ReleaseRequest: Sendable, Hashable {
    /// The machine it is addressed to; another agent refuses it.
    public var machine: String
    /// The cluster the machine left.
    public var cluster: String
    /// The generation the controller planned the release against; a mismatch is a 409 and nothing is recorded.
    public var expectedGeneration: Int
    /// The commit that no longer has the machine, if known.
    public var commit: String?
    /// Who releases it (user@host).
    public var releasedBy: String?

    /// Creates a request.
    public init(machine: String, cluster: String, expectedGeneration: Int, commit: String?, releasedBy: String?) {
        self.machine = machine
        self.cluster = cluster
        self.expectedGeneration = expectedGeneration
        self.commit = commit
        self.releasedBy = releasedBy
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("machine", .string(machine)), ("cluster", .string(cluster)), ("expected_generation", .int(expectedGeneration)),
            ("commit", .optional(commit)), ("released_by", .optional(releasedBy)),
        ])
    }

    /// Reads the JSON form strictly: unknown fields are refused.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "release request")
        try reader.requireOnly(["machine", "cluster", "expected_generation", "commit", "released_by"])
        self.init(
            machine: try reader.string("machine"), cluster: try reader.string("cluster"),
            expectedGeneration: try reader.int("expected_generation"), commit: try reader.optionalString("commit"),
            releasedBy: try reader.optionalString("released_by"))
    }

    /// Decodes a `POST /v1/release` body as the agent does (see ``ApplyRequest/init(body:)``).
    public init(body: [UInt8]) throws(JSONObjectReader.Failure) {
        try self.init(json: AgentBody.json(body))
    }
}

/// The recorded release of a machine, as `GET /v1/state` shows it in `release`: present only while the
/// generation it was recorded at is still current.
public struct ReleaseRecord: Sendable, Hashable {
    /// The cluster the machine left.
    public var cluster: String
    /// The commit that no longer has the machine, if known.
    public var commit: String?
    /// When it was released (ISO 8601, UTC).
    public var at: String
    /// Who released it.
    public var by: String?
    /// The generation that was current (and is still served) when it was released.
    public var generation: Int

    /// Creates a record.
    public init(cluster: String, commit: String?, at: String, by: String?, generation: Int) {
        self.cluster = cluster
        self.commit = commit
        self.at = at
        self.by = by
        self.generation = generation
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("at", .string(at)), ("by", .optional(by)), ("commit", .optional(commit)), ("cluster", .string(cluster)),
            ("generation", .int(generation)),
        ])
    }

    /// Reads the JSON form. Part of an answer, so unknown fields are ignored.
    public init(json: JSON) throws(JSONObjectReader.Failure) {
        let reader = try JSONObjectReader(json, context: "release")
        self.init(
            cluster: try reader.string("cluster"), commit: try reader.optionalString("commit"), at: try reader.string("at"),
            by: try reader.optionalString("by"), generation: try reader.int("generation"))
    }
}
