import StrataModel

/// Renders diagnostics as compiler-style text, JSON, GitHub workflow annotations or Markdown.
struct DiagnosticView {
    let diagnostics: [Diagnostic]
    /// Source lines for snippets, by file as shown.
    let lines: (String) -> [Substring]?
    /// The git revision the files were read from, shown before each path (`HEAD~1:clusters/...`).
    var revision: String? = nil

    /// `path:line:col: error[CODE]: message`, the source line with a caret, notes and help.
    func text(style: Style) -> String {
        var out = ""
        var cache: [String: [Substring]?] = [:]
        for diagnostic in diagnostics {
            let label = diagnostic.severity == .error
                ? style.red("error[\(diagnostic.code.rawValue)]") : style.yellow("warning[\(diagnostic.code.rawValue)]")
            // File names and messages quote the user's files: one escaped line each.
            let place = ((revision.map { "\($0):" } ?? "") + diagnostic.location.description).terminalSafe
            out += style.bold("\(place):") + " \(label): " + style.bold(diagnostic.message.terminalSafe) + "\n"
            let fileLines = cache[diagnostic.location.file] ?? {
                let loaded = lines(diagnostic.location.file)
                cache[diagnostic.location.file] = loaded
                return loaded
            }()
            if Self.showsSnippet(diagnostic), let fileLines, diagnostic.location.line >= 1, diagnostic.location.line <= fileLines.count,
               !fileLines[diagnostic.location.line - 1].isEmpty {
                let number = String(diagnostic.location.line)
                let gutter = String(repeating: " ", count: number.count)
                let line = fileLines[diagnostic.location.line - 1]
                out += style.cyan(" \(number) |") + " \(Self.printable(line))\n"
                let caretIndent = String(repeating: " ", count: Self.printedWidth(line, before: diagnostic.location.column))
                out += style.cyan(" \(gutter) |") + " \(caretIndent)" + style.red("^") + "\n"
            }
            for note in diagnostic.notes {
                let place = note.location.map { ((revision.map { "\($0):" } ?? "") + "\($0): ").terminalSafe } ?? ""
                out += "  " + place + style.cyan("note:") + " \(note.message.terminalSafe)\n"
            }
            if let help = diagnostic.help {
                out += "  " + style.green("help:") + " \(help.terminalSafe)\n"
            }
        }
        return out
    }

    /// Codes whose source line is not worth showing (or must not be: a password or a literal secret would be printed).
    private static let noSnippet: Set<DiagnosticCode> = [
        .plainPassword, .literalSecret, .fileTooLarge, .invalidEncoding, .unexpectedFile, .wrongExtension,
        .invalidName, .outsideRepository, .noClusters, .missingClusterFile, .unreadableFile, .editUnknownFeature, .editUnknownMode, .editLayout, .editEmptiedTable, .editOverriddenBelow, .editClusterExists, .editMachineExists,
    ]

    static func showsSnippet(_ diagnostic: Diagnostic) -> Bool {
        !noSnippet.contains(diagnostic.code) && diagnostic.location.file.hasSuffix(".yaml")
    }

    /// A source line safe to print on a terminal: control characters shown as escapes, tabs kept.
    static func printable(_ line: Substring) -> String { TerminalText.escape(line, allowing: .tabs) }

    /// How many characters of the printed line come before `column` (1-based, in characters of the source line),
    /// so the caret stays under its character when escapes widen the line before it.
    static func printedWidth(_ line: Substring, before column: Int) -> Int {
        printable(line.prefix(max(0, column - 1))).count
    }

    /// Splits text into lines on LF only, dropping a CR before it (CRLF files).
    static func lines(of bytes: [UInt8]) -> [Substring] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { scalars in
            var line = Substring(String(String.UnicodeScalarView(scalars)))
            if line.unicodeScalars.last == "\r" { line = Substring(String(String.UnicodeScalarView(line.unicodeScalars.dropLast()))) }
            return line
        }
    }

    /// The summary line of a run.
    static func summary(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// One diagnostic as the JSON object of the output contract.
    static func json(_ diagnostic: Diagnostic) -> JSON { DiagnosticJSON.json(diagnostic) }

    /// `{"diagnostics": [...], "errors": N, "warnings": N}`.
    func json() -> JSON { DiagnosticJSON.document(diagnostics) }

    /// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=CODE::message`.
    func github() -> String {
        diagnostics.map { diagnostic in
            var message = diagnostic.message
            for note in diagnostic.notes {
                message += "\nnote: " + (note.location.map { "\($0): " } ?? "") + note.message
            }
            if let help = diagnostic.help { message += "\nhelp: \(help)" }
            let properties = [
                "file=\(Self.escapeProperty(diagnostic.location.file))",
                "line=\(diagnostic.location.line)",
                "col=\(diagnostic.location.column)",
                "title=\(Self.escapeProperty("\(diagnostic.code.rawValue) \(diagnostic.code.title)"))",
            ]
            return "::\(diagnostic.severity == .error ? "error" : "warning") \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }.joined()
    }

    /// A Markdown list for pull-request comments.
    func markdown() -> String {
        guard !diagnostics.isEmpty else { return "No problems found.\n" }
        return diagnostics.map { diagnostic in
            var item = "- **\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]** `\(diagnostic.location)`: \(Self.escapeMarkdown(diagnostic.message))\n"
            for note in diagnostic.notes {
                item += "  - note: " + (note.location.map { "`\($0)` " } ?? "") + Self.escapeMarkdown(note.message) + "\n"
            }
            if let help = diagnostic.help { item += "  - help: \(Self.escapeMarkdown(help))\n" }
            return item
        }.joined()
    }

    static func escapeData(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }

    static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
