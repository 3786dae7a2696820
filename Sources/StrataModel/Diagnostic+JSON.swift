/// Diagnostics as JSON, in the shape of `strata validate --format json`: the CLI's output and the
/// agent's 422 answers use this one form, so a controller shows the agent's findings like its own.
public enum DiagnosticJSON {
    /// One diagnostic: severity, code, message, file, line, column, notes, help.
    public static func json(_ diagnostic: Diagnostic) -> JSON {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("code", .string(diagnostic.code.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .string(diagnostic.location.file)),
            ("line", .int(diagnostic.location.line)),
            ("column", .int(diagnostic.location.column)),
            ("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("message", .string(note.message)),
                    ("file", .optional(note.location?.file)),
                    ("line", note.location.map { .int($0.line) } ?? .null),
                    ("column", note.location.map { .int($0.column) } ?? .null),
                ])
            })),
            ("help", .optional(diagnostic.help)),
        ])
    }

    /// `{"diagnostics": [...], "errors": N, "warnings": N}`.
    public static func document(_ diagnostics: [Diagnostic]) -> JSON {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return .object([
            ("diagnostics", .array(diagnostics.map(json))),
            ("errors", .int(errors)),
            ("warnings", .int(diagnostics.count - errors)),
        ])
    }
}
