import StrataModel
import StrataApply
import StrataPlan

/// The reconcile loop's events, in every format `reconcile` offers: text lines, or one JSON object per line.
enum ReconcileView {
    /// One event in the chosen format.
    static func render(_ event: ReconcileEvent, _ format: DataFormat, style: Style) -> String {
        switch format {
        case .text: text(event, style: style)
        case .json: json(event).rendered(pretty: false) + "\n"
        }
    }

    /// One event as a JSON line.
    static func json(_ event: ReconcileEvent) -> JSON {
        switch event {
        case .commitSeen(let commit):
            return .object([("event", .string("commit")), ("commit", .string(commit.id)), ("summary", .string(commit.summary))])
        case .validationFailed(let commit, let errors, let keeping):
            return .object([
                ("event", .string("validation-failed")), ("commit", .string(commit.id)),
                ("diagnostics", .array(errors.map(DiagnosticView.json))), ("keeping", .optional(keeping?.id)),
            ])
        case .planned(let commit, let plan):
            let summary = plan.summary
            return .object([
                ("event", .string("plan")), ("commit", .string(commit.id)),
                ("summary", .object([
                    ("create", .int(summary.create)), ("update", .int(summary.update)), ("noop", .int(summary.noop)),
                    ("unknown", .int(summary.unknown)), ("changes", .int(summary.changes)),
                ])),
                ("machines", .array(plan.machines.map { machine in
                    .object([
                        ("machine", .string(machine.machine.rawValue)), ("cluster", .string(machine.cluster.rawValue)),
                        ("action", .string(machine.action.rawValue)), ("changes", .int(machine.changes.count)),
                    ])
                })),
            ])
        case .drift(let commit, let machines, let healing, _):
            return .object([
                ("event", .string("drift")), ("commit", .string(commit.id)), ("healing", .bool(healing)),
                ("machines", .array(machines.map { machine in
                    .object([
                        ("machine", .string(machine.machine.rawValue)), ("cluster", .string(machine.cluster.rawValue)),
                        ("changes", .array(machine.changes.map { .string($0.path) })),
                    ])
                })),
            ])
        case .heldBack(let commit, let machines, let keeping):
            return .object([
                ("event", .string("held-back")), ("commit", .string(commit.id)), ("keeping", .optional(keeping?.id)),
                ("machines", .array(machines.map { machine in
                    .object([
                        ("machine", .string(machine.machine.rawValue)), ("cluster", .string(machine.cluster.rawValue)),
                        ("destructive", .array(machine.destructive.map(\.json))),
                    ])
                })),
            ])
        case .machineApplied(let commit, let result):
            return prefixed("apply", commit, ApplyView.resultJSON(result))
        case .rolledBack(let commit, let result):
            return .object([
                ("event", .string("rollback")), ("commit", .string(commit.id)),
                ("machine", .string(result.machine.machine.rawValue)), ("cluster", .string(result.machine.cluster.rawValue)),
                ("rollback", ApplyView.rollbackJSON(result.rollback)),
            ])
        case .failed(let message):
            return .object([("event", .string("error")), ("message", .string(message))])
        }
    }

    /// One event as text lines.
    static func text(_ event: ReconcileEvent, style: Style) -> String {
        switch event {
        case .commitSeen(let commit):
            return style.bold("commit \(commit.shortId.terminalSafe)") + " \(commit.summary.terminalSafe)\n"
        case .validationFailed(let commit, let errors, let keeping):
            let view = DiagnosticView(diagnostics: errors, lines: { _ in nil }, revision: commit.shortId)
            let keep = keeping.map { "; \($0.shortId) stays in force" } ?? "; nothing was applied"
            return view.text(style: style)
                + style.red("commit \(commit.shortId) is invalid") + " (\(errors.count) error\(errors.count == 1 ? "" : "s"))\(keep)\n"
        case .planned(let commit, let plan):
            let summary = plan.summary
            return "plan of \(commit.shortId): \(summary.create) to create, \(summary.update) to update, \(summary.noop) unchanged"
                + (summary.unknown > 0 ? ", \(summary.unknown) unknown" : "") + "\n"
        case .drift(let commit, let machines, let healing, let heldBack):
            let names = machines.map { "\($0.label) (\($0.changes.count) change\($0.changes.count == 1 ? "" : "s"))" }
            let fate = healing
                ? "putting it back" : heldBack ? "not put back: healing it is held back as destructive" : "reported only (--self-heal corrects it)"
            return style.yellow("drift") + " from \(commit.shortId): " + names.joined(separator: ", ") + "; \(fate)\n"
        case .heldBack(let commit, let machines, let keeping):
            let count = "\(machines.count) machine\(machines.count == 1 ? "" : "s")"
            // Healing drift from the commit in force (`keeping` is the same commit), or a new commit held back.
            let healing = keeping?.id == commit.id
            var out = healing
                ? style.red("held back healing") + ": putting \(commit.shortId) back would make destructive changes on \(count); nothing was put back\n"
                : style.red("held back \(commit.shortId)") + ": destructive changes on \(count), nothing of it was applied"
                    + (keeping.map { "; \($0.shortId) stays in force" } ?? "") + "\n"
            for machine in machines {
                for finding in machine.destructive { out += "    \(machine.label): \(finding.line)".terminalSafe + "\n" }
            }
            return out + "    \(healing ? "put it back" : "apply it") with `strata apply --allow-destructive`, or commit a fix\n"
        case .machineApplied(_, let result):
            return ApplyView.outcome(result, style: style)
        case .rolledBack(_, let result):
            return ApplyView.rollback(result, style: style)
        case .failed(let message):
            return style.red("error:") + " \(TerminalText.escape(message, allowing: .lineFeeds))\n"
        }
    }

    private static func prefixed(_ name: String, _ commit: ReconcileCommit, _ body: JSON) -> JSON {
        var fields: [(String, JSON)] = [("event", .string(name)), ("commit", .string(commit.id))]
        if case .object(let rest) = body { fields += rest }
        return .object(fields)
    }
}
