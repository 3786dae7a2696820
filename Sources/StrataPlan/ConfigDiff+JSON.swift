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
    /// `{"machine", "cluster", "action", "changes": [...]}`, and `"destructive": [{"kind", "path", "reason"}]` only when
    /// some change is destructive.
    public var json: JSON {
        var fields: [(String, JSON)] = [
            ("machine", .string(machine.rawValue)), ("cluster", .string(cluster.rawValue)),
            ("action", .string(action.rawValue)), ("changes", .array(changes.map(\.json))),
        ]
        if !destructive.isEmpty { fields.append(("destructive", .array(destructive.map(\.json)))) }
        return .object(fields)
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

