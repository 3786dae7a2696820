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
            ("before", before.map(JSON.init) ?? .null),
            ("after", after.map(JSON.init) ?? .null),
        ])
    }
}

