import ArgumentParser
import StrataModel
import StrataPlan
import StrataApply

/// `strata plan [--out FILE]`: desired (the repository) against live (the agents), per machine and feature.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show, per machine and feature, what applying the configuration would change on the live machines.",
        discussion: """
            Reads every machine's live state (at most --parallel at a time, each read with its own timeout) and \
            compares it with the compiled configuration of the working tree. Machines that cannot be reached are \
            reported and left out; a machine whose agent reports another version than requires.version is an \
            error. Destructive changes (a machine left with no listener, a bound interface removed or \
            readdressed, a HAT, RAT or smtp_routes emptied, a delivered domain routed to /dev/null) are marked \
            `[destructive]`, and `strata apply` refuses them without --allow-destructive. A machine removed \
            from the repository (found through the commits the machines last applied and the recent history \
            of the machine files) is planned as a release: its agent keeps serving its last generation. \
            --format markdown writes a pull-request comment, --format github annotations for GitHub \
            Actions. --out saves the plan as a versioned file for `strata apply FILE`, which refuses it if any \
            machine's live generation has changed meanwhile. Secrets are never shown or saved: only their \
            references, and digests to notice a changed value. Exit status: 0, or with --detailed-exitcode 0 \
            (no changes) or 2 (changes); 1 on errors (then no plan file is written). With --detailed-exitcode, \
            a machine that could not be reached also makes the status 1 (its drift is unknown), after the plan \
            file, if asked for, was written without it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption<ReviewFormat>
    @OptionGroup var live: LiveOptions

    @Option(name: .long, help: ArgumentHelp("Save the plan to this file, for `strata apply FILE`.", valueName: "file"))
    var out: String?

    @OptionGroup var reading: ReadParallelOption

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none (1 on errors or an unreachable machine).")
    var detailedExitcode = false

    func run() async throws {
        let console = Console()
        let (session, workspace) = try LiveSession.load(global, live: live, console: console)
        let plan = try await session.planWithDepartures(workspace, parallel: reading.parallel, console: console)
        let prefix = workspace.location.prefix
        let view = PlanView(plan: plan, relativeTo: session.root, pathPrefix: prefix.isEmpty ? "" : prefix + "/")
        console.out(view.render(output.format, style: Style(enabled: console.colorStdout)))
        if !plan.blockingProblems.isEmpty {
            throw CommandFailure(
                view.blockingMessage, help: out == nil ? nil : "no plan file was written; fix the machines above and plan again")
        }
        if let out {
            try FileIO.writeFile(out, contents: plan.fileJSON.rendered() + "\n")
            let saved = "Saved the plan to \(out); apply it with `strata apply \(out)`.\n"
            // Only text has room for the note on standard output; the other formats are documents.
            if output.format == .text { console.out("\n" + saved) } else { console.err(saved) }
        }
        if detailedExitcode {
            // A drift gate must not pass while machines are down: their drift is unknown.
            let unreachable = plan.summary.unreachable
            if unreachable > 0 {
                throw CommandFailure(
                    "\(unreachable) machine\(unreachable == 1 ? "" : "s") could not be reached; \(unreachable == 1 ? "its" : "their") drift is unknown")
            }
            if plan.hasChanges { throw ExitCode(2) }
        }
    }
}
