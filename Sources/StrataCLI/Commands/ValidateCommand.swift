import ArgumentParser
import StrataModel
import StrataLoad
import StrataCompile
import StrataYAML
import StrataCatalogue

/// `strata validate`: load and check everything.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every cluster of the repository (or one standalone file).",
        discussion: """
            Reports every error and warning with its file, line and column. Exit status: 0 when \
            there are no errors (warnings allowed), 1 when there are errors.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption<ReviewFormat>
    @OptionGroup var revision: RevisionOption

    @Option(name: .long, help: ArgumentHelp("Check a standalone export instead of the repository.", valueName: "file"))
    var standalone: String?

    func validate() throws {
        if standalone != nil && revision.rev != nil {
            throw ValidationError("--standalone reads a file; it cannot be combined with --rev")
        }
    }

    func run() throws {
        let console = Console()
        let view: DiagnosticView
        var summary = ""
        var revisionJSON: JSON?
        var summaryLabel = ""
        if let standalone {
            let checked = try StandaloneFile.load(standalone)
            view = DiagnosticView(diagnostics: checked.result.diagnostics.sorted, lines: { _ in checked.lines })
            summary = "standalone machine \(checked.result.effective?.machine.rawValue ?? "?")"
        } else {
            let workspace = try Workspace.load(global, revision: revision.rev)
            view = workspace.view(workspace.result.diagnostics.sorted)
            let clusters = workspace.result.clusters
            summary = (workspace.revision == nil ? "" : "\(workspace.label): ") + "\(clusters.count) cluster\(clusters.count == 1 ? "" : "s"), "
                + Self.count(clusters.reduce(0) { $0 + $1.groups.count }, "group") + ", "
                + Self.count(clusters.reduce(0) { $0 + $1.machines.count }, "machine")
            summaryLabel = workspace.label
            revisionJSON = workspace.revision.map { .object([("name", .string($0.name)), ("commit", .string($0.commit.id))]) }
        }
        let result = ValidateView(diagnostics: view, summary: summary, summaryLabel: summaryLabel, revision: revisionJSON)
        console.out(result.render(output.format, style: Style(enabled: console.colorStdout)))
        if result.errors > 0 { throw ExitCode(1) }
    }
}

extension ValidateCommand {
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

/// A standalone file read from disk and checked.
struct StandaloneFile {
    let result: StandaloneResult
    let lines: [Substring]

    static func load(_ path: String) throws -> StandaloneFile {
        let bytes = try FileIO.readFile(path)
        var diagnostics = Diagnostics()
        let root = YAMLParser.parse(bytes, file: path, diagnostics: &diagnostics)
        var result = StandaloneCompiler.compile(DeclaredFile(path: path, root: root, parsed: !diagnostics.hasErrors))
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return StandaloneFile(result: result, lines: DiagnosticView.lines(of: bytes))
    }
}
