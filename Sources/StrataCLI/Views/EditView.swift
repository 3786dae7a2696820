import StrataEdit
import StrataGit
import StrataModel
import StrataPlan

/// The effect of `copy`, `move` or `unset`: what was edited, each machine's change in the `diff`
/// format, and the edit's diagnostics (refusals, or warnings such as W609).
struct EditView {
    let outcome: EditOutcome
    let workspace: Workspace

    private var diff: ConfigDiff { ConfigDiffer.diff(before: outcome.before, after: outcome.after) }

    private var headline: String {
        let edit = outcome.edit
        let targets = outcome.targets.map(\.description).joined(separator: ", ")
        return switch edit.kind {
        case .copy: "copy \(edit.feature) from \(edit.source) to \(targets)"
        case .move: "move \(edit.feature) from \(edit.source) to \(targets)"
        case .unset: "unset \(edit.feature) in \(edit.source)"
        }
    }

    func text(written: Bool, commit: GitCommit?, style: Style) -> String {
        var out = headline.terminalSafe + (written ? "" : " (dry run: nothing written)") + "\n"
        for file in outcome.files {
            out += "    \(written ? "edited" : "would edit") \(file.path.terminalSafe)\n"
        }
        if let commit { out += "committed \(commit.shortId): \(commit.summary.terminalSafe)\n" }
        out += "\n" + DiffView(diff: diff, beforeLabel: "working tree", afterLabel: written ? "edited" : "after the edit").text(style: style)
        return out
    }

    /// The `diff` JSON contract, with an `edit` member: the edit, the files, whether they were written, the commit and the warnings.
    func json(written: Bool, commit: GitCommit?) -> JSON {
        let view = DiffView(diff: diff, beforeLabel: "working tree", afterLabel: "edited")
        let sides = view.json(
            before: .object([("name", .string("working tree")), ("commit", .null)]),
            after: .object([("name", .string(written ? "edited" : "after the edit")), ("commit", .optional(commit?.id))]))
        guard case .object(var fields) = sides else { return sides }
        fields.append(("edit", editJSON(written: written)))
        return .object(fields)
    }

    private func editJSON(written: Bool) -> JSON {
        let edit = outcome.edit
        return .object([
            ("kind", .string(edit.kind.rawValue)), ("feature", .string(edit.feature)), ("from", .string(edit.source.description)),
            ("to", .array(outcome.targets.map { .string($0.description) })),
            ("files", .array(outcome.files.map { .string($0.path) })), ("written", .bool(written)),
            ("diagnostics", .array(outcome.diagnostics.sorted.map(DiagnosticView.json))),
        ])
    }

    /// The refusal as JSON: the edit, `refused: true`, and the diagnostics.
    func refusalJSON() -> JSON {
        .object([("refused", .bool(true)), ("edit", editJSON(written: false))])
    }

    /// The diagnostics with snippets: an edited file's lines come from its new text (where E301 points).
    func diagnosticsText(style: Style) -> String {
        let edited = Dictionary(uniqueKeysWithValues: outcome.files.map { ($0.path, $0.after) })
        let view = DiagnosticView(diagnostics: outcome.diagnostics.sorted) { file in
            if let bytes = edited[file] { return DiagnosticView.lines(of: bytes) }
            return workspace.lines(of: file)
        }
        return view.text(style: style)
    }
}
