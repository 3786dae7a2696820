import StrataModel

/// `strata validate`'s result in every format it offers: the diagnostics, then a verdict line (text), the
/// diagnostics document with the revision (json), annotations (github) or a pull-request comment (markdown).
struct ValidateView {
    let diagnostics: DiagnosticView
    /// `1 cluster, 2 groups, 3 machines` (after the revision's label when not the working tree).
    let summary: String
    /// What was checked, for the Markdown heading.
    let summaryLabel: String
    /// `{"name", "commit"}` of the revision checked, if not the working tree.
    let revision: JSON?

    /// How many of the diagnostics are errors.
    var errors: Int { diagnostics.diagnostics.filter { $0.severity == .error }.count }

    /// The result in one of the formats `validate` offers.
    func render(_ format: ReviewFormat, style: Style) -> String {
        switch format {
        case .text:
            var text = diagnostics.text(style: style)
            if !text.isEmpty { text += "\n" }
            let verdict = errors > 0 ? style.red("invalid") : style.green("valid")
            let warnings = diagnostics.diagnostics.count - errors
            return text + "\(verdict): \(summary): \(DiagnosticView.summary(errors: errors, warnings: warnings))\n"
        case .json:
            var json = diagnostics.json()
            if let revision, case .object(var fields) = json {
                fields.append(("revision", revision))
                json = .object(fields)
            }
            return json.rendered() + "\n"
        case .github:
            return diagnostics.github()
        case .markdown:
            return (diagnostics.revision.map { _ in "Checked `\(summaryLabel)`:\n\n" } ?? "") + diagnostics.markdown()
        }
    }
}
