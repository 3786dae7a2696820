import StrataModel
import StrataPlan

/// Renders a per-machine configuration diff as text, JSON, Markdown (pull-request comments) or GitHub annotations.
struct DiffView {
    let diff: ConfigDiff
    /// `HEAD~1 (3f2c1ab)` and `working tree`.
    let beforeLabel: String
    let afterLabel: String
    /// The two sides in the JSON document (`{"name", "commit"}`).
    var before: JSON = .null
    var after: JSON = .null
    /// Where the machine files are, for annotations: `clusters/<cluster>/machines/<machine>.yaml`, relative to the repository.
    var pathPrefix = ""

    /// Largest Markdown comment GitHub accepts is 65,536 characters; stay well below.
    static let markdownLimit = 60_000

    private var shown: [MachineDiff] { diff.machines.filter { !$0.changes.isEmpty } }

    /// The diff in one of the formats `diff` offers.
    func render(_ format: ReviewFormat, style: Style) -> String {
        switch format {
        case .text: text(style: style)
        case .json: json(before: before, after: after).rendered() + "\n"
        case .markdown: markdown()
        case .github: github()
        }
    }

    func text(style: Style) -> String {
        var out = style.bold("\(beforeLabel.terminalSafe) → \(afterLabel.terminalSafe): ") + diff.summary.line + "\n"
        for machine in shown {
            out += "\n" + machine.action.marker(style: style) + " " + style.bold(machine.machine.rawValue)
                + " (cluster \(machine.cluster), \(machine.action.rawValue))" + DestructiveView.marker(machine.destructive, style: style) + "\n"
            for change in machine.changes {
                out += "    " + colour(change, style: style) + "\n"
            }
            out += DestructiveView.textLines(machine.destructive, style: style)
        }
        return out
    }

    func json(before: JSON, after: JSON) -> JSON {
        guard case .object(var fields) = diff.json else { return diff.json }
        fields.append(("before", before))
        fields.append(("after", after))
        return .object(fields)
    }

    /// Summary first, a table of machines, then each machine's changes collapsed; never over ``markdownLimit``.
    func markdown() -> String {
        var head = "### Strata: effective configuration changes\n\n"
        head += "`\(beforeLabel)` → `\(afterLabel)`: **\(diff.summary.line)**\n\n"
        head += DestructiveView.markdownWarning(diff.machines.map { ("\($0.cluster)/\($0.machine)", $0.destructive) })
        guard !shown.isEmpty else { return head + "No machine's effective configuration changes.\n" }
        // Machines with destructive changes first, in the table and the details.
        let shown = self.shown.filter { !$0.destructive.isEmpty } + self.shown.filter { $0.destructive.isEmpty }
        head += "| machine | cluster | action | changes |\n|---|---|---|---|\n"
        var table = ""
        for machine in shown {
            table += "| `\(machine.machine)` | \(machine.cluster) | \(machine.action.rawValue) | \(machine.changes.count) |\n"
        }
        var out = head
        let omissionReserve = 400
        var omitted: [MachineDiff] = []
        if out.utf8.count + table.utf8.count + omissionReserve > Self.markdownLimit {
            omitted = shown
        } else {
            out += table + "\n"
            for (index, machine) in shown.enumerated() {
                let details = Self.details(machine)
                if out.utf8.count + details.utf8.count + omissionReserve > Self.markdownLimit {
                    omitted = Array(shown[index...])
                    break
                }
                out += details
            }
        }
        if !omitted.isEmpty {
            let changes = omitted.reduce(0) { $0 + $1.changes.count }
            out += "\n> **Left out:** the details of \(omitted.count) machine\(omitted.count == 1 ? "" : "s") (\(changes) changes) "
                + "would make this comment longer than \(Self.markdownLimit) characters. "
                + "Run `strata diff` locally or read the JSON output for everything.\n"
        }
        return out
    }

    /// One `::notice` per changed machine, on its machine file (a `::warning` when its changes are destructive).
    func github() -> String {
        shown.map { machine in
            let file = pathPrefix + "clusters/\(machine.cluster)/machines/\(machine.machine).yaml"
            let lines = (machine.changes.map(\.line) + machine.destructive.map { "destructive: " + $0.line }).joined(separator: "\n")
            let title = "\(machine.machine): \(machine.action.rawValue), \(machine.changes.count) change\(machine.changes.count == 1 ? "" : "s")"
                + DestructiveView.titleSuffix(machine.destructive)
            let location = machine.action == .delete ? "" : "file=\(DiagnosticView.escapeProperty(file)),"
            let level = DestructiveView.annotationLevel(machine.destructive)
            return "::\(level) \(location)title=\(DiagnosticView.escapeProperty(title))::\(DiagnosticView.escapeData(lines))\n"
        }.joined()
    }

    static func details(_ machine: MachineDiff) -> String {
        var block = "<details><summary><code>\(machine.machine)</code> — \(machine.action.rawValue), "
            + "\(machine.changes.count) change\(machine.changes.count == 1 ? "" : "s")"
            + (machine.destructive.isEmpty ? "" : ", <b>destructive</b>") + "</summary>\n\n```diff\n"
        // Changed values as a -/+ pair so GitHub's diff highlighting shows old in red and new in green.
        for change in machine.changes {
            switch (change.before, change.after) {
            case (let old?, let new?) where old.listItems == nil && old.recordFields == nil:
                block += Self.fenced("- \(change.path): \(TextValue.inline(old))") + "\n"
                block += Self.fenced("+ \(change.path): \(TextValue.inline(new))") + "\n"
            case (_?, _?):
                block += Self.fenced("! " + change.line) + "\n"
            default:
                block += Self.fenced(change.line) + "\n"
            }
        }
        return block + "```\n\n</details>\n"
    }

    /// A line that cannot close the code fence it sits in.
    private static func fenced(_ line: String) -> String { line.replacingAll("```", "ˋˋˋ") }

    private func colour(_ change: ConfigChange, style: Style) -> String {
        switch (change.before, change.after) {
        // Values from the user's files: one escaped line each, so no value can fake a line of the diff.
        case (nil, _?): style.green(change.line.terminalSafe)
        case (_?, nil): style.red(change.line.terminalSafe)
        default: change.line.terminalSafe
        }
    }
}
