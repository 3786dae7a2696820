public import StrataModel

extension Plan {
    /// The `plan --format json` document: the `diff` contract (`summary`, `machines` with `machine`, `cluster`,
    /// `action`, `changes`) plus, per machine, its agent, whether it answered, its version, live generation,
    /// error and notes.
    public var json: JSON {
        .object([
            ("summary", summary.json),
            ("machines", .array(machines.map(\.json))),
            ("created_at", .string(createdAt)),
            ("warnings", .array(clusters.flatMap(\.warnings).map(JSON.string))),
        ])
    }
}

extension PlanSummary {
    /// `{"create", "update", "delete", "noop", "unknown", "changes", "unreachable", "errors"}` (`delete` counts the
    /// machines removed from the repository, which are released, never torn down).
    public var json: JSON {
        .object([
            ("create", .int(create)), ("update", .int(update)), ("delete", .int(delete)), ("noop", .int(noop)),
            ("unknown", .int(unknown)), ("changes", .int(changes)), ("unreachable", .int(unreachable)), ("errors", .int(errors)),
        ])
    }

    /// `1 machine to create, 2 to update, 0 unchanged (12 changes)`, then what could not be planned.
    public var line: String {
        var text = "\(create) machine\(create == 1 ? "" : "s") to create, \(update) to update, \(noop) unchanged"
            + (delete > 0 ? ", \(delete) to release" : "") + " (\(changes) change\(changes == 1 ? "" : "s"))"
        if unreachable > 0 { text += ", \(unreachable) unreachable" }
        if errors > 0 { text += ", \(errors) with errors" }
        return text
    }
}

extension PlannedMachine {
    /// One machine of the `plan --format json` document.
    public var json: JSON {
        var fields: [(String, JSON)] = [
            ("machine", .string(machine.rawValue)), ("cluster", .string(cluster.rawValue)), ("action", .string(action.rawValue)),
            ("changes", .array(changes.map(\.json))),
            ("agent", .string(address)), ("reachable", .bool(reachable)), ("version", .optional(version)),
            ("generation", liveGeneration.map(JSON.int) ?? .null), ("error", problem?.json ?? .null),
            ("notes", .array(notes.map(JSON.string))),
        ]
        // Only when some change is destructive, as in the `diff` document.
        if !destructive.isEmpty { fields.append(("destructive", .array(destructive.map(\.json)))) }
        return .object(fields)
    }
}
