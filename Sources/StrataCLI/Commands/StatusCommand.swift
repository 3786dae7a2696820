import ArgumentParser
import StrataApply

/// `strata status`: what each machine's agent reports.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per machine, whether its agent answers, its version, generation, config hash and who applied it when.",
        discussion: """
            Reads every machine's live state (at most --parallel at a time). Without an agents: block, the \
            embedded state in .strata/state/ is read. A version other than requires.version is marked. Exit \
            status: 0 when every machine answered with the required version, 1 otherwise. Machines removed \
            from the repository (found through the commit the machines last applied, or the embedded state \
            directory) are listed after the others, with when and by whom they were released.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption<DataFormat>
    @OptionGroup var live: LiveOptions

    @OptionGroup var reading: ReadParallelOption

    func run() async throws {
        let console = Console()
        let (session, workspace) = try LiveSession.load(global, live: live, console: console)
        let states = try await session.readStates(parallel: reading.parallel)
        // Machines removed from the repository are shown too (released or still to be), after the others.
        let departed = try await session.departures(
            from: states, history: GitClusterHistory.make(workspace.location, root: session.root),
            elsewhere: GitClusterHistory.machinesInTree(root: session.root),
            removed: GitClusterHistory.removedMachines(workspace.location), parallel: reading.parallel)
        for warning in departed.allWarnings {
            console.err(Style(enabled: console.colorStderr).yellow("warning:") + " \(warning.terminalSafe)\n")
        }
        let view = StatusView(clusters: session.clusters, states: states + departed.machines, root: session.root)
        console.out(view.render(output.format, style: Style(enabled: console.colorStdout)))
        if states.contains(where: { $0.problem != nil }) { throw ExitCode(1) }
    }
}
