import StrataModel
import StrataPlan
import StrataApply

/// Renders drift: per machine and feature (live → desired), then the cluster-mode features machines disagree on.
struct CheckView {
    /// The view in one of the formats `check` offers.
    func render(_ format: DataFormat, style: Style) -> String {
        switch format {
        case .text: text(style: style)
        case .json: json().rendered() + "\n"
        }
    }

    let report: DriftReport

    func text(style: Style) -> String {
        var out = ""
        for machine in report.machines {
            let label = style.bold(machine.target.label)
            if let problem = machine.problem, machine.state == nil || problem.code == .versionMismatch {
                out += label + ": " + style.red("cannot be checked") + " [\(problem.code.rawValue)] \(problem.message.terminalSafe)\n"
                if machine.state == nil { continue }
            }
            let applied = Self.applied(machine.state)
            if !machine.drifted {
                out += label + ": " + style.green("in sync") + " (\(applied))\n"
            } else {
                let count = machine.features.count
                let what = count == 0 ? "hand edits on the machine" : "drift in \(count) feature\(count == 1 ? "" : "s")"
                out += label + ": " + style.yellow(what) + " (\(applied))\n"
                for (feature, changes) in machine.features {
                    out += "    \(feature.terminalSafe) (live → desired):\n"
                    for change in changes { out += "        " + PlanView.colour(change, style: style) + "\n" }
                }
                for drift in machine.backendDrift { out += "    " + style.yellow("hand edit") + " (\(drift.backend)): \(drift.summary)\n" }
            }
            for note in machine.notes { out += "    " + style.cyan("note:") + " " + note.terminalSafe + "\n" }
        }
        for disagreement in report.disagreements {
            out += "\n" + style.yellow("cluster \(disagreement.cluster):") + " machines disagree on \(disagreement.feature), configured in cluster mode\n"
            for (index, variant) in disagreement.variants.enumerated() {
                let name = variant.matchesDesired ? "as in the repository" : "other version \(index + (disagreement.variants.first?.matchesDesired == true ? 0 : 1))"
                out += "    \(name):\n"
                for (machine, current) in variant.machines {
                    out += "        \(machine) (\(Self.applied(current)))\n"
                }
            }
        }
        for holding in report.splitBrains {
            out += "\n" + style.yellow("cluster \(holding.cluster.terminalSafe):") + " split brain: virtual address \(holding.address.terminalSafe)"
                + " is held by " + holding.holders.map(\.terminalSafe).joined(separator: ", ") + "\n"
        }
        out += "\n" + summaryLine(style: style) + "\n"
        return out
    }

    private func summaryLine(style: Style) -> String {
        let drifted = report.machines.filter(\.drifted).count
        let problems = report.machines.filter { $0.problem != nil }.count
        let total = report.machines.count
        var parts = ["\(total) machine\(total == 1 ? "" : "s") checked", "\(drifted) with drift"]
        if !report.disagreements.isEmpty { parts.append("\(report.disagreements.count) cluster-mode feature\(report.disagreements.count == 1 ? "" : "s") disagreeing") }
        let split = report.splitBrains.count
        if split > 0 { parts.append("\(split) virtual address\(split == 1 ? "" : "es") held by several machines") }
        if problems > 0 { parts.append("\(problems) could not be checked") }
        let verdict = report.hasProblems ? style.red("Check incomplete: ") : report.hasDrift ? style.yellow("Drift found: ") : style.green("No drift: ")
        return verdict + parts.joined(separator: ", ") + "."
    }

    private static func applied(_ state: AgentState?) -> String {
        guard let state else { return "not reached" }
        return applied(state.current, generation: state.generation)
    }

    private static func applied(_ current: GenerationSummary?, generation: Int? = nil) -> String {
        guard let current else { return "generation \(generation ?? 0), nothing applied yet" }
        // The agent's words: one escaped line each.
        var text = "generation \(current.generation), applied \(current.appliedAt.terminalSafe)"
        if let by = current.appliedBy { text += " by \(by.terminalSafe)" }
        if let commit = current.appliedCommit { text += " from \(commit.prefix(10).terminalSafe)" }
        return text
    }

    func json() -> JSON {
        let machines = report.machines.map { machine -> JSON in
            let current = machine.state?.current
            return .object([
                ("cluster", .string(machine.target.cluster.rawValue)), ("machine", .string(machine.target.machine.rawValue)),
                ("agent", .string(machine.target.address)), ("reachable", .bool(machine.state != nil)),
                ("version", .optional(machine.state?.version)), ("generation", machine.state.map { .int($0.generation) } ?? .null),
                ("applied_commit", .optional(current?.appliedCommit)), ("applied_at", .optional(current?.appliedAt)),
                ("applied_by", .optional(current?.appliedBy)),
                ("in_sync", machine.state == nil ? .null : .bool(!machine.drifted)),
                ("features", .array(machine.features.map { feature, changes in
                    .object([("feature", .string(feature)), ("changes", .array(changes.map(\.json)))])
                })),
                ("error", machine.problem?.json ?? .null), ("notes", .array(machine.notes.map(JSON.string))),
                ("backend_drift", .array(machine.backendDrift.map(\.json))),
            ])
        }
        let disagreements = report.disagreements.map { disagreement -> JSON in
            .object([
                ("cluster", .string(disagreement.cluster.rawValue)), ("feature", .string(disagreement.feature)),
                ("variants", .array(disagreement.variants.map { variant in
                    .object([
                        ("matches_desired", .bool(variant.matchesDesired)),
                        ("machines", .array(variant.machines.map { machine, current in
                            .object([
                                ("machine", .string(machine.rawValue)), ("generation", current.map { .int($0.generation) } ?? .null),
                                ("applied_at", .optional(current?.appliedAt)), ("applied_by", .optional(current?.appliedBy)),
                            ])
                        })),
                    ])
                })),
            ])
        }
        return .object([
            ("summary", .object([
                ("machines", .int(report.machines.count)), ("drifted", .int(report.machines.filter(\.drifted).count)),
                ("errors", .int(report.machines.filter { $0.problem != nil }.count)), ("disagreements", .int(report.disagreements.count)),
                ("split_brain", .int(report.splitBrains.count)),
            ])),
            ("machines", .array(machines)), ("disagreements", .array(disagreements)),
            ("split_brain", .array(report.splitBrains.map(\.json))),
        ])
    }
}
