import ArgumentParser
import StrataModel
import StrataPlan

/// `strata diff REV [REV2]`: what changes in each machine's effective configuration between two revisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show, per machine, how the effective configuration differs between two git revisions.",
        discussion: """
            REV2 defaults to the working tree. Both sides are compiled (between two commits, only the clusters \
            whose files differ: an unchanged cluster is read in neither); only effective values count, so \
            moving a setting to another mode without changing what a machine gets is no change. Keyed \
            list items are named by key: listeners[IncomingMail].port: 25 → 2525. Changes that would stop a \
            machine's mail (no listener left, a bound interface removed, a HAT, RAT or smtp_routes emptied, a \
            delivered domain routed to /dev/null) are marked destructive, first in Markdown. If either side does \
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
        let (before, after, shared) = try Workspace.loadPair(location, rev, rev2, cluster: global.cluster)
        let failing = [before, after].filter { $0.result.diagnostics.hasErrors }
        if !failing.isEmpty {
            console.out(DiffView.invalid(failing, output.format, style: Style(enabled: console.colorStdout)))
            throw ExitCode(1)
        }
        let diff = Workspace.diff(before, after, shared: shared)
        let view = DiffView(
            diff: diff, beforeLabel: before.label, afterLabel: after.label, before: DiffView.side(before), after: DiffView.side(after),
            pathPrefix: location.prefix.isEmpty ? "" : location.prefix + "/")
        console.out(view.render(output.format, style: Style(enabled: console.colorStdout)))
        if detailedExitcode && diff.hasChanges { throw ExitCode(2) }
    }
}
