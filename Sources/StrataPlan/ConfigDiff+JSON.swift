public import StrataModel

extension ConfigDiff {
    /// The `diff`/`plan --format json` document: `{"summary": {...}, "machines": [...]}`.
    public var json: JSON {
        .object([("summary", summary.json), ("machines", .array(machines.map(\.json)))])
    }
}

extension DiffSummary {
    /// `{"create", "update", "delete", "noop", "changes"}`: machines per action and the number of changes.
    public var json: JSON {
        .object([
            ("create", .int(created)), ("update", .int(updated)), ("delete", .int(deleted)),
            ("noop", .int(unchanged)), ("changes", .int(changes)),
        ])
    }
}

extension MachineDiff {
    /// `{"machine", "cluster", "action", "changes": [...]}`.
    public var json: JSON {
        .object([
            ("machine", .string(machine.rawValue)), ("cluster", .string(cluster.rawValue)),
            ("action", .string(action.rawValue)), ("changes", .array(changes.map(\.json))),
        ])
    }
}

extension ConfigChange {
    /// `{"path", "before", "after"}` with canonical values and null for an absent side.
    public var json: JSON {
        .object([
            ("path", .string(path)),
            ("before", before.map(CanonicalJSON.value) ?? .null),
            ("after", after.map(CanonicalJSON.value) ?? .null),
        ])
    }
}

/// Canonical JSON of values, as in every output contract.
public enum CanonicalJSON {
    /// Durations as integer seconds, secrets as `{"secret": "env:NAME"}` references (never their text).
    public static func value(_ value: Value) -> JSON {
        switch value.kind {
        case .string(let text): .string(text)
        case .integer(let number), .duration(let number): .int(number)
        case .boolean(let flag): .bool(flag)
        case .secret(let reference): .object([("secret", .string(reference.description))])
        case .list(let items): .array(items.map(Self.value))
        case .record(let fields): .object(fields.map { ($0.name, Self.value($0.value)) })
        }
    }
}
