import ArgumentParser
import StrataApply

/// `strata check`: drift between the repository and the live machines (Cisco's clustercheck).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find drift: machines whose live configuration differs from the repository, and machines that disagree.",
        discussion: """
            For each machine: the features whose live value differs from the desired one (live → desired), \
            with the generation and who applied it when. For each cluster: the cluster-mode features on \
            which machines that all take the cluster's value hold different live values, with who applied \
            each version when; `strata apply` forces the repository's version on all of them. Exit status: \
            0 no drift, 2 drift found, 1 when a machine cannot be checked (unreachable, wrong version) or on \
            errors.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption<DataFormat>
    @OptionGroup var live: LiveOptions

    @OptionGroup var reading: ReadParallelOption

    func run() async throws {
        let console = Console()
        let (session, _) = try LiveSession.load(global, live: live, console: console)
        let states = try await session.readStates(parallel: reading.parallel)
        let report = DriftReport(desired: session.desired, live: states, secrets: session.secrets)
        let view = CheckView(report: report)
        console.out(view.render(output.format, style: Style(enabled: console.colorStdout)))
        if report.hasProblems { throw ExitCode(1) }
        if report.hasDrift { throw ExitCode(2) }
    }
}
