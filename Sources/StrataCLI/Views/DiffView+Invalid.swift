import StrataModel

extension DiffView {
    /// A side of the diff in the JSON document: its revision's name and commit, or the working tree.
    static func side(_ workspace: Workspace) -> JSON {
        guard let revision = workspace.revision else { return .object([("name", .string("working tree")), ("commit", .null)]) }
        return .object([("name", .string(revision.name)), ("commit", .string(revision.commit.id))])
    }

    /// Says which side does not validate, with its diagnostics, in the chosen format.
    static func invalid(_ failing: [Workspace], _ format: ReviewFormat, style: Style) -> String {
        switch format {
        case .json:
            let sides = failing.map { workspace -> JSON in
                guard case .object(var fields) = workspace.view(workspace.result.diagnostics.sorted).json() else { return .null }
                fields.insert(("side", side(workspace)), at: 0)
                return .object(fields)
            }
            return JSON.object([("valid", .bool(false)), ("invalid", .array(sides))]).rendered() + "\n"
        case .github:
            return failing.map { workspace in
                "::error title=strata diff::the configuration at \(workspace.label) does not validate; no diff\n"
                    + workspace.view(workspace.result.diagnostics.sorted.filter { $0.severity == .error }).github()
            }.joined()
        case .markdown:
            var out = "### Strata: the configuration does not validate\n\n"
            for workspace in failing {
                out += "`\(workspace.label)`:\n\n" + workspace.view(workspace.result.diagnostics.sorted).markdown() + "\n"
            }
            return out
        case .text:
            var out = ""
            for workspace in failing {
                let errors = workspace.result.diagnostics.errorCount
                out += workspace.view(workspace.result.diagnostics.sorted).text(style: style)
                out += style.red("error:") + " the configuration at \(workspace.label) does not validate (\(errors) error\(errors == 1 ? "" : "s")); no diff\n\n"
            }
            return out
        }
    }
}
