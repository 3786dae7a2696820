import StrataModel
import StrataPlan

extension PlanView {
    /// A pull-request comment: a heading, the counts, a table of the machines to change or with a problem, then
    /// each machine's changes collapsed (as `diff --format markdown` shows them); never over the comment limit.
    func markdown() -> String {
        var out = "### Strata: plan against the live machines\n\n**\(plan.summary.line)**\n\n"
        // Destructive changes first, above everything a reviewer might skim past.
        out += DestructiveView.markdownWarning(plan.machines.map { ($0.label, $0.destructive) })
        guard !shown.isEmpty else {
            return out + "No changes: every machine's live configuration matches the repository.\n"
        }
        // Machines with destructive changes lead the table and the details.
        let shown = self.shown.filter { !$0.destructive.isEmpty } + self.shown.filter { $0.destructive.isEmpty }
        out += "| machine | cluster | action | live generation | changes |\n|---|---|---|---|---|\n"
        for machine in shown {
            let generation = machine.liveGeneration.map(String.init) ?? "—"
            out += "| `\(machine.machine)` | \(machine.cluster) | \(Self.actionWord(machine.action)) | \(generation) | \(machine.changes.count) |\n"
        }
        out += "\n"
        var omitted = 0
        for machine in shown {
            let block = Self.markdownBlock(machine)
            guard out.utf8.count + block.utf8.count + 400 <= DiffView.markdownLimit else {
                omitted += 1
                continue
            }
            out += block
        }
        if omitted > 0 {
            out += "\n> **Left out:** the details of \(omitted) machine\(omitted == 1 ? "" : "s") would make this comment longer "
                + "than \(DiffView.markdownLimit) characters. Run `strata plan` locally or read the JSON output for everything.\n"
        }
        return out
    }

    /// One annotation per machine: a `::notice` on the machine file for its changes (a `::warning` when they are
    /// destructive), an `::error` for a problem that forbids applying, a `::warning` for an unreachable machine, a
    /// `::notice` without a file (it is gone) for a machine to release.
    func github() -> String {
        shown.map { machine in
            let file = DiagnosticView.escapeProperty(pathPrefix + "clusters/\(machine.cluster)/machines/\(machine.machine).yaml")
            if machine.action == .delete {
                let title = DiagnosticView.escapeProperty("\(machine.machine): release")
                let generation = machine.liveGeneration.map { ", keeps serving generation \($0)" } ?? ""
                return "::notice title=\(title)::\(DiagnosticView.escapeData("left cluster \(machine.cluster): will be released\(generation)"))\n"
            }
            var out = ""
            if let problem = machine.problem {
                let level = problem.isUnreachable ? "warning" : "error"
                let title = DiagnosticView.escapeProperty("\(machine.machine): \(problem.code.rawValue)")
                out += "::\(level) file=\(file),title=\(title)::\(DiagnosticView.escapeData(problem.description))\n"
            }
            if !machine.changes.isEmpty || !machine.notes.isEmpty {
                let count = machine.changes.count
                let title = DiagnosticView.escapeProperty("\(machine.machine): \(machine.action.rawValue), \(count) change\(count == 1 ? "" : "s")"
                    + DestructiveView.titleSuffix(machine.destructive))
                let lines = machine.changes.map(Self.plainLine) + machine.destructive.map { "destructive: " + $0.line }
                    + machine.notes.map { "note: " + $0 }
                out += "::\(DestructiveView.annotationLevel(machine.destructive)) file=\(file),title=\(title)::\(DiagnosticView.escapeData(lines.joined(separator: "\n")))\n"
            }
            return out
        }.joined()
    }

    private static func markdownBlock(_ machine: PlannedMachine) -> String {
        var block = ""
        if let problem = machine.problem {
            block += "**`\(machine.machine)`**: `\(problem.code.rawValue)` \(DiagnosticView.escapeMarkdown(problem.description))\n\n"
        }
        if let diff = machine.diff, !diff.changes.isEmpty { block += DiffView.details(diff) }
        for note in machine.notes { block += "> note (`\(machine.machine)`): \(DiagnosticView.escapeMarkdown(note))\n\n" }
        return block
    }

    /// The action column: a plan's `delete` releases the machine, it never wipes it.
    static func actionWord(_ action: MachineAction) -> String {
        action == .delete ? "release" : action.rawValue
    }

    /// A change's line, saying what happened to a secret whose value changed behind the same reference.
    static func plainLine(_ change: ConfigChange) -> String {
        if let old = change.before, let new = change.after, old == new {
            return "\(change.path): (sensitive) → (sensitive) (the secret's value changed)"
        }
        return change.line
    }
}
