import StrataModel
import StrataPlan

/// How every view shows the destructive-change guard's findings: a `!` line under a machine in text, a warning
/// block at the top of Markdown, and the refusal of `apply`.
enum DestructiveView {
    /// `apply` exits with this status when it refuses destructive changes (nothing was applied).
    static let refusedExitCode: Int32 = 3

    /// The text lines under a machine's header: `    ! destructive: PATH: REASON (KIND)`.
    static func textLines(_ findings: [DestructiveChange], style: Style) -> String {
        findings.map { "    " + style.red("! destructive:") + " " + $0.line.terminalSafe + "\n" }.joined()
    }

    /// The header marker of a machine with destructive changes.
    static func marker(_ findings: [DestructiveChange], style: Style) -> String {
        findings.isEmpty ? "" : " " + style.red("[destructive]")
    }

    /// A GitHub warning block listing every destructive change, for the top of a Markdown comment; empty without any.
    static func markdownWarning(_ machines: [(label: String, findings: [DestructiveChange])]) -> String {
        let flagged = machines.filter { !$0.findings.isEmpty }
        guard !flagged.isEmpty else { return "" }
        let count = flagged.count
        var out = "> [!WARNING]\n> **Destructive changes** on \(count) machine\(count == 1 ? "" : "s"): they would stop mail. "
            + "`strata apply` refuses them without `--allow-destructive`; `strata reconcile` never applies them.\n>\n"
        for machine in flagged {
            for finding in machine.findings {
                out += "> - `\(machine.label)` `\(finding.path)`: \(DiagnosticView.escapeMarkdown(finding.reason)) (`\(finding.kind.rawValue)`)\n"
            }
        }
        return out + "\n"
    }

    /// What a machine's GitHub annotation title ends with: `, destructive` when its changes are.
    static func titleSuffix(_ findings: [DestructiveChange]) -> String {
        findings.isEmpty ? "" : ", destructive"
    }

    /// The level of a machine's GitHub annotation: `warning` when it has destructive changes, so a reviewer sees
    /// it among the notices, `notice` otherwise.
    static func annotationLevel(_ findings: [DestructiveChange]) -> String {
        findings.isEmpty ? "notice" : "warning"
    }

    /// The `error:` message of a refused apply: each machine, path and reason.
    static func refusal(_ plan: Plan) -> String {
        let machines = plan.destructiveMachines
        var out = "the plan has destructive changes on \(machines.count) machine\(machines.count == 1 ? "" : "s"); nothing was applied:"
        for machine in machines {
            for finding in machine.destructive { out += "\n  \(machine.label): \(finding.line)" }
        }
        return out
    }

    /// The `help:` line of a refused apply.
    static func refusalHelp(planFile: String?) -> String {
        let command = planFile.map { "strata apply --allow-destructive \($0)" } ?? "strata apply --allow-destructive"
        return "nothing was written to any machine; if these changes are intended, run `\(command)`; otherwise fix the configuration"
    }
}
