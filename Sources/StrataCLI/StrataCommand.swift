public import ArgumentParser
import StrataLoad
import Foundation
import StrataModel
import StrataYAML
import StrataCatalogue
import CStrataBuildInfo

/// The `strata` command: a configuration compiler for clusters of mail gateways.
public struct StrataCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "Validate, flatten and apply the configuration of mail-gateway clusters kept in git.",
        discussion: """
            The repository holds clusters/<cluster>/cluster.yaml, groups/<group>.yaml and \
            machines/<machine>.yaml. Settings inherit cluster -> group -> machine, one feature at a time.
            """,
        version: "\(version) (commit \(String(cString: strata_build_commit())))",
        subcommands: [
            ValidateCommand.self, ShowCommand.self, WhereCommand.self, ExportCommand.self, DiffCommand.self,
            RemoveMachineCommand.self, PlanCommand.self, ApplyCommand.self, StatusCommand.self, CheckCommand.self,
            AgentCommand.self, SchemaCommand.self, ReconcileCommand.self,
            RenderCommand.self,
            CopyCommand.self, MoveCommand.self, UnsetCommand.self, InitCommand.self, JoinCommand.self,
        ])

    /// The release number; `--version` adds the git commit the binary was built from (scripts/dist).
    public static let version = "0.1.0"

    public init() {}

    /// Sets the process up for its command before any other thread starts (call it first, from `main`): every
    /// command but `agent` and `reconcile`, which run for days, runs once and exits (``ProcessLifetime``).
    public static func prepareProcess(arguments: [String] = CommandLine.arguments) {
        if !runsForLong(arguments) { ProcessLifetime.beginOneShot() }
    }

    /// The commands that run for days (every other one runs once and exits).
    static let longRunning: [any ParsableCommand.Type] = [AgentCommand.self, ReconcileCommand.self]

    /// Whether the subcommand (the first argument) is one of ``longRunning``.
    static func runsForLong(_ arguments: [String]) -> Bool {
        arguments.count > 1 && longRunning.contains { $0._commandName == arguments[1] }
    }

    /// Parses the command line, runs the command, and renders failures as `error: ...` with exit status 1.
    public static func runMain() async {
        if let problem = YAMLLimits.environmentProblem { Console().err("warning: \(problem)\n") }
        do {
            var command = try parseAsRoot()
            // prepareProcess read the subcommand from the arguments; the parsed command has the last word.
            if longRunning.contains(where: { $0 == type(of: command) }) { ProcessLifetime.endOneShot() }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            let style = Style(enabled: Console().colorStderr)
            // Messages quote file names, values and agents' words: only their own line breaks survive.
            var text = style.red("error:") + " \(TerminalText.escape(failure.message, allowing: .lineFeeds))\n"
            if let help = failure.help { text += style.green("help:") + " \(TerminalText.escape(help, allowing: .lineFeeds))\n" }
            Console().err(text)
            Foundation.exit(1)
        } catch {
            // Usage mistakes exit 1 like every other error (SPEC: 0, 1, 2), with a lowercase `error:`.
            guard !(error is ExitCode), exitCode(for: error) == .validationFailure else { exit(withError: error) }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst(7) }
            Console().err(message + "\n")
            Foundation.exit(1)
        }
    }
}
