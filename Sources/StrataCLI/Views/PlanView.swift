import Foundation
import StrataModel
import StrataPlan
import StrataApply

/// Renders a plan in every format `plan` offers: text, the `plan --format json` contract, a Markdown pull-request
/// comment and GitHub annotations.
struct PlanView {
    let plan: Plan
    /// The configuration root, so embedded state directories are shown relative to it.
    var relativeTo: String?
    /// Where the machine files are, relative to the repository (for annotations): the configuration's prefix.
    var pathPrefix = ""

    /// The plan in one of the formats `plan` offers.
    func render(_ format: ReviewFormat, style: Style) -> String {
        switch format {
        case .text: text(style: style)
        case .json: json().rendered() + "\n"
        case .markdown: markdown()
        case .github: github()
        }
    }

    var shown: [PlannedMachine] { plan.machines.filter { $0.action != .noop || $0.problem != nil || !$0.notes.isEmpty } }

    func text(style: Style) -> String {
        var out = style.bold("Plan: ") + plan.summary.line + "\n"
        for machine in shown {
            out += "\n" + header(machine, style: style) + "\n"
            if let problem = machine.problem {
                out += "    " + style.red(problem.code.rawValue + ":") + " " + problem.message.terminalSafe + "\n"
                if let cause = problem.cause { out += "    " + style.dim(cause.terminalSafe) + "\n" }
            }
            for change in machine.changes { out += "    " + Self.colour(change, style: style) + "\n" }
            out += DestructiveView.textLines(machine.destructive, style: style)
            for note in machine.notes { out += "    " + style.cyan("note:") + " " + note.terminalSafe + "\n" }
        }
        if !plan.hasChanges && plan.summary.unknown == 0 && plan.blockingProblems.isEmpty {
            out += "\nNo changes: every machine's live configuration matches the repository.\n"
        }
        return out
    }

    func json() -> JSON { plan.json }

    /// Why the plan cannot be applied, for the closing `error:` line.
    var blockingMessage: String {
        let machines = plan.blockingProblems
        let names = machines.map { "\($0.machine) (\($0.problem?.code.rawValue ?? "error"))" }.joined(separator: ", ")
        return "\(machines.count) machine\(machines.count == 1 ? "" : "s") cannot be applied: \(names)"
    }

    private func header(_ machine: PlannedMachine, style: Style) -> String {
        let marker = machine.action.marker(style: style)
        // In a plan, `delete` releases a machine that left the repository: say so rather than "delete".
        var details = ["cluster \(machine.cluster)", machine.action == .delete ? "left the cluster: will be released" : machine.action.rawValue]
        if let generation = machine.liveGeneration { details.append("live generation \(generation)") }
        details.append(address(machine))
        if !machine.changes.isEmpty { details.append("\(machine.changes.count) change\(machine.changes.count == 1 ? "" : "s")") }
        return marker + " " + style.bold(machine.machine.rawValue) + " (" + details.joined(separator: ", ") + ")"
            + DestructiveView.marker(machine.destructive, style: style)
    }

    private func address(_ machine: PlannedMachine) -> String {
        guard case .embedded(let directory) = machine.endpoint else { return "agent \(machine.address.terminalSafe)" }
        guard let root = relativeTo, directory.hasPrefix(root + "/") else { return "embedded state \(directory.terminalSafe)" }
        return "embedded state " + directory.dropFirst(root.count + 1).terminalSafe
    }

    /// A changed secret shows both sides as `(sensitive)`; say what happened instead.
    static func colour(_ change: ConfigChange, style: Style) -> String {
        switch (change.before, change.after) {
        case (nil, _?): return style.green(change.line.terminalSafe)
        case (_?, nil): return style.red(change.line.terminalSafe)
        case (let old?, let new?) where old == new: return "\(change.path.terminalSafe): (sensitive) → (sensitive) (the secret's value changed)"
        default: return change.line.terminalSafe
        }
    }
}
