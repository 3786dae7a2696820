import ArgumentParser
import StrataModel
import StrataPlan

/// `strata diff REV [REV2]`: what changes in each machine's effective configuration between two revisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, per machine, how the effective configuration differs between two git revisions.",
        discussion: """
            REV2 defaults to the working tree. Both sides are compiled; only effective values count, so \
            moving a setting to another mode without changing what a machine gets is no change. Keyed \
            list items are named by key: listeners[IncomingMail].port: 25 → 2525. If either side does \
            not validate, its diagnostics are shown and the exit status is 1. With --detailed-exitcode: \
            0 no change, 2 changes, 1 error.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<ReviewFormat>

    @Argument(help: "The revision to compare from (HEAD~1, main, origin/main, a tag or commit).")
    var rev: String

    @Argument(help: "The revision to compare to; the working tree when left out.")
    var rev2: String?

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none (1 on errors).")
    var detailedExitcode = false

    func run() throws {
        let console = Console()
        let location = try RepositoryLocation.locate(global.repo)
        let before = try Workspace.load(location, revision: rev, cluster: global.cluster)
        let after = try Workspace.load(location, revision: rev2, cluster: global.cluster)
        let failing = [before, after].filter { $0.result.diagnostics.hasErrors }
        if !failing.isEmpty {
            try report(failing, console: console)
            throw ExitCode(1)
        }
        let diff = ConfigDiffer.diff(
            before: before.result.clusters.flatMap(\.effective), after: after.result.clusters.flatMap(\.effective))
        let view = DiffView(
            diff: diff, beforeLabel: before.label, afterLabel: after.label,
            pathPrefix: location.prefix.isEmpty ? "" : location.prefix + "/")
        switch output.format {
        case .text: console.out(view.text(style: Style(enabled: console.colorStdout)))
        case .json: console.out(view.json(before: Self.side(before), after: Self.side(after)).rendered() + "\n")
        case .markdown: console.out(view.markdown())
        case .github: console.out(view.github())
        }
        if detailedExitcode && diff.hasChanges { throw ExitCode(2) }
    }

    private static func side(_ workspace: Workspace) -> JSON {
        guard let revision = workspace.revision else { return .object([("name", .string("working tree")), ("commit", .null)]) }
        return .object([("name", .string(revision.name)), ("commit", .string(revision.commit.id))])
    }

    /// Says which side does not validate, with its diagnostics, in the chosen format.
    private func report(_ failing: [Workspace], console: Console) throws {
        switch output.format {
        case .json:
            let sides = failing.map { workspace -> JSON in
                guard case .object(var fields) = workspace.view(workspace.result.diagnostics.sorted).json() else { return .null }
                fields.insert(("side", Self.side(workspace)), at: 0)
                return .object(fields)
            }
            console.out(JSON.object([("valid", .bool(false)), ("invalid", .array(sides))]).rendered() + "\n")
        case .github:
            console.out(failing.map { workspace in
                "::error title=strata diff::the configuration at \(workspace.label) does not validate; no diff\n"
                    + workspace.view(workspace.result.diagnostics.sorted.filter { $0.severity == .error }).github()
            }.joined())
        case .markdown:
            var out = "### Strata: the configuration does not validate\n\n"
            for workspace in failing {
                out += "`\(workspace.label)`:\n\n" + workspace.view(workspace.result.diagnostics.sorted).markdown() + "\n"
            }
            console.out(out)
        case .text:
            let style = Style(enabled: console.colorStdout)
            var out = ""
            for workspace in failing {
                let errors = workspace.result.diagnostics.errorCount
                out += workspace.view(workspace.result.diagnostics.sorted).text(style: style)
                out += style.red("error:") + " the configuration at \(workspace.label) does not validate (\(errors) error\(errors == 1 ? "" : "s")); no diff\n\n"
            }
            console.out(out)
        }
    }
}
