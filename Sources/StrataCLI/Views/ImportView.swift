import StrataEdit
import StrataGit
import StrataModel
import StrataPlan

/// The result of `init --from` or `join`: the files created, the features kept and discarded, and how
/// the machine's effective configuration in the cluster differs from the standalone file's (`diff` format).
struct ImportView {
    let kind: String
    let outcome: MachineImport
    let standalone: (path: String, bytes: [UInt8])
    let workspace: Workspace?

    private var diff: ConfigDiff {
        ConfigDiffer.diff(before: [outcome.before].compactMap { $0 }, after: [outcome.after].compactMap { $0 })
    }

    func text(written: Bool, commit: GitCommit?, style: Style) -> String {
        var out = "\(kind) \(outcome.machine): cluster \(outcome.cluster), group \(outcome.group)"
        out += (written ? "" : " (dry run: nothing written)") + "\n"
        for file in outcome.files { out += "    \(written ? "created" : "would create") \(file.path.terminalSafe)\n" }
        out += "kept: \(Self.list(outcome.kept))\n"
        if kind == "join" { out += "discarded: \(Self.list(outcome.discarded))\n" }
        if let commit { out += "committed \(commit.shortId): \(commit.summary.terminalSafe)\n" }
        let label = "the cluster"
        out += "\n" + DiffView(diff: diff, beforeLabel: standalone.path, afterLabel: label).text(style: style)
        return out
    }

    private static func list(_ features: [String]) -> String { features.isEmpty ? "(none)" : features.joined(separator: ", ") }

    /// The `diff` JSON contract with an `import` member.
    func json(written: Bool, commit: GitCommit?) -> JSON {
        let sides = DiffView(diff: diff, beforeLabel: standalone.path, afterLabel: "the cluster").json(
            before: .object([("name", .string(standalone.path)), ("commit", .null)]),
            after: .object([("name", .string(outcome.cluster.rawValue)), ("commit", .optional(commit?.id))]))
        guard case .object(var fields) = sides else { return sides }
        fields.append(("import", importJSON(written: written)))
        return .object(fields)
    }

    private func importJSON(written: Bool) -> JSON {
        .object([
            ("kind", .string(kind)), ("machine", .string(outcome.machine.rawValue)), ("cluster", .string(outcome.cluster.rawValue)),
            ("group", .string(outcome.group.rawValue)), ("files", .array(outcome.files.map { .string($0.path) })),
            ("kept", .array(outcome.kept.map(JSON.string))), ("discarded", .array(outcome.discarded.map(JSON.string))),
            ("written", .bool(written)), ("diagnostics", .array(outcome.diagnostics.sorted.map(DiagnosticView.json))),
        ])
    }

    func refusalJSON() -> JSON { .object([("refused", .bool(true)), ("import", importJSON(written: false))]) }

    func diagnosticsText(style: Style) -> String {
        let created = Dictionary(uniqueKeysWithValues: outcome.files.map { ($0.path, $0.after) })
        let view = DiagnosticView(diagnostics: outcome.diagnostics.sorted) { file in
            if let bytes = created[file] { return DiagnosticView.lines(of: bytes) }
            if file == standalone.path { return DiagnosticView.lines(of: standalone.bytes) }
            return workspace?.lines(of: file)
        }
        return view.text(style: style)
    }
}
