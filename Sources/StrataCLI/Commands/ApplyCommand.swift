import ArgumentParser
import Foundation
import StrataModel
import StrataPlan
import StrataApply
#if canImport(Glibc)
import Glibc
#endif

/// `strata apply [PLANFILE]`: push a plan (saved, or made now) through the agents, machine after machine.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the configuration to the live machines: a saved plan, or a plan made now.",
        discussion: """
            Without PLANFILE, plans first (as `strata plan`), shows the plan and asks for confirmation. \
            With PLANFILE (from `strata plan --out`), reads every planned machine again and refuses the whole \
            plan, applying nothing, if any machine's live generation changed since the plan was made. \
            Confirmation is asked on a terminal; without one, --yes is required. The rollout goes one \
            machine at a time (--parallel N for more) in cluster and machine order, and stops starting \
            machines at the first failure, leaving the rest untouched. Unreachable machines are skipped and \
            caught up by the next apply. With --rollback-on-failure, a failure (a refused \
            configuration, a failed health check...) also rolls back every machine this apply already changed, \
            newest first, to the generation it had before (as a new generation that records which one it \
            restored). SIGTERM or SIGINT stops the rollout between machines, never in the middle of one. Secrets are resolved now, from the environment and files, and sent \
            only to the machine that needs them. A plan with a destructive change (a machine left with no \
            listener, a bound interface removed or readdressed, a HAT, RAT or smtp_routes emptied, a delivered \
            domain routed to /dev/null) is refused whole, writing nothing, unless --allow-destructive is given. \
            Machines removed from the repository are released after the rollout (POST /v1/release): each \
            keeps serving its last generation and records that it left the cluster; none is wiped. \
            Exit status: 0 when every machine was reached and nothing \
            failed; 1 when a machine was unreachable (skipped) or failed, the plan was refused or a signal \
            stopped the rollout; 3 when destructive changes were refused.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption<DataFormat>
    @OptionGroup var live: LiveOptions

    @Argument(help: "A plan file written by `strata plan --out`; when left out, a plan is made now.")
    var planFile: String?

    @Option(name: .long, help: ArgumentHelp("Apply to at most this many machines at once.", valueName: "n"))
    var parallel: Int = 1

    @Flag(name: .long, help: "Apply without asking for confirmation (required when there is no terminal).")
    var yes = false

    @Flag(name: .long, help: "When a machine fails, roll back every machine this apply already changed.")
    var rollbackOnFailure = false

    @Flag(name: .long, help: "Apply destructive changes too (a machine left without listeners, an emptied HAT...).")
    var allowDestructive = false

    /// States are read this many at a time before applying.
    static let readParallel = 8

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel takes a number of at least 1") }
    }

    func run() async throws {
        let console = Console()
        let (plan, prepared, root) = try await prepare(console: console)
        var application = prepared
        application.allowDestructive = allowDestructive
        let json = output.format == .json
        let style = Style(enabled: console.colorStdout)
        // With --format json, standard output carries only the final document; progress goes to standard error.
        let progressStyle = json ? Style(enabled: false) : style
        let write: @Sendable (String) -> Void = { text in if json { console.err(text) } else { console.out(text) } }
        let outcome = try await application.apply(
            plan, saved: planFile != nil,
            show: { plan in if !json { console.out(PlanView(plan: plan, relativeTo: root).text(style: style)) } },
            confirm: { plan in
                try confirm(plan, console: console)
                if !json { console.out("\n") }
            },
            progress: { event in write(ApplyView.progress(event, style: progressStyle)) },
            rolledBack: { result in write(ApplyView.rollback(result, style: progressStyle)) })
        try report(outcome, json: json, console: console, style: style)
    }

    /// The plan to apply (read from the file, or made now) and how to apply it.
    private func prepare(console: Console) async throws -> (Plan, PlanApplication, String) {
        let rollout = Rollout.Options(parallel: parallel, appliedBy: Self.appliedBy(), rollbackOnFailure: rollbackOnFailure)
        guard let planFile else {
            let (session, workspace) = try LiveSession.load(global, live: live, console: console)
            // As `plan` does: a removed machine that cannot be reached (so is not released now) is said, not skipped silently.
            let plan = try await session.planWithDepartures(workspace, parallel: Self.readParallel, console: console)
            return (plan, session.application(rollout: rollout, readParallel: Self.readParallel), session.root)
        }
        let plan = try Self.readPlan(planFile)
        let root = Self.secretBase(global)
        let application = PlanApplication(
            targets: plan.targets, secrets: SecretResolver(environment: ProcessInfo.processInfo.environment, baseDirectory: root),
            connection: live.connection, logger: commandLogger(), rollout: rollout, readParallel: Self.readParallel)
        return (plan, application, root)
    }

    /// Says what became of the apply, in the chosen format; the exit status says whether every machine is done.
    private func report(_ outcome: PlanApplication.Outcome, json: Bool, console: Console, style: Style) throws {
        switch outcome {
        case .stale(let plan, let freshness):
            if json { console.out(ApplyView.json(plan, report: nil, refused: "the plan is stale").rendered() + "\n") }
            throw CommandFailure(
                "the plan is stale; nothing was applied:\n" + String(ApplyView.stale(freshness).dropLast()),
                help: "make a new plan with `strata plan --out FILE`, review it, and apply that")
        case .blocked(let plan):
            let message = PlanView(plan: plan).blockingMessage
            if json { console.out(ApplyView.json(plan, report: nil, refused: message).rendered() + "\n") }
            throw CommandFailure(message, help: "nothing was applied; fix these machines (see `strata status`) and try again")
        case .destructive(let plan):
            let message = DestructiveView.refusal(plan)
            if json { console.out(ApplyView.json(plan, report: nil, refused: message).rendered() + "\n") }
            let help = DestructiveView.refusalHelp(planFile: planFile)
            let errorStyle = Style(enabled: console.colorStderr)
            console.err(
                errorStyle.red("error:") + " " + TerminalText.escape(message, allowing: .lineFeeds) + "\n" + errorStyle.green("help:") + " "
                    + TerminalText.escape(help, allowing: .lineFeeds) + "\n")
            throw ExitCode(DestructiveView.refusedExitCode)
        case .nothingToApply(let plan):
            if json { console.out(ApplyView.json(plan, report: nil).rendered() + "\n") } else { console.out("Nothing to apply.\n") }
            try Self.refuseUnreachable(plan.summary.unreachable)
        case .rolledOut(let plan, let report):
            console.out(json ? ApplyView.json(plan, report: report).rendered() + "\n" : ApplyView.closing(report, style: style))
            if report.failed || report.interrupted { throw ExitCode(1) }
            try Self.refuseUnreachable(report.counts.skipped)
        }
    }

    /// Skipped machines are caught up by the next apply, but the exit status must say the fleet is not all done.
    private static func refuseUnreachable(_ count: Int) throws {
        guard count > 0 else { return }
        throw CommandFailure(
            "\(count) machine\(count == 1 ? " was" : "s were") unreachable and skipped",
            help: "the next apply catches \(count == 1 ? "it" : "them") up once reachable (see `strata status`)")
    }

    /// Asks on a terminal; without one, only --yes lets the apply go on.
    private func confirm(_ plan: Plan, console: Console) throws {
        if yes { return }
        guard Console.isInteractive else {
            throw CommandFailure(
                "apply needs a confirmation and there is no terminal to ask on; nothing was applied",
                help: "review the plan, then run again with --yes")
        }
        let count = plan.machines.filter { $0.action.changesMachine }.count
        console.err("\nApply these changes to \(count) machine\(count == 1 ? "" : "s")? Only 'yes' is accepted: ")
        guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
            throw CommandFailure("apply cancelled; nothing was applied")
        }
    }

    private static func readPlan(_ path: String) throws -> Plan {
        let bytes = try FileIO.readFile(path, limit: 256 << 20)
        do {
            return try Plan(fileJSON: try JSONParser.parse(bytes))
        } catch let failure as JSONParser.Failure {
            throw CommandFailure("'\(path)' is not a plan file: \(failure)")
        } catch {
            throw CommandFailure("'\(path)' cannot be used: \(error)")
        }
    }

    /// Where relative `{file: ...}` secrets are read from when applying a saved plan: the configuration root
    /// given with --repo (or found from the current directory), else the current directory.
    private static func secretBase(_ global: GlobalOptions) -> String {
        (try? RepositoryLocation.locate(global.repo))?.root ?? FileManager.default.currentDirectoryPath
    }

    /// `user@host`, recorded in every generation this apply makes.
    static func appliedBy() -> String {
        let environment = ProcessInfo.processInfo.environment
        var user = environment["USER"] ?? environment["LOGNAME"]
        if user == nil, let entry = getpwuid(getuid()) { user = String(cString: entry.pointee.pw_name) }
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(user ?? "unknown")@\(host)"
    }
}
