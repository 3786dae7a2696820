import ArgumentParser
import Foundation
import Logging
import StrataModel
import StrataApply
import StrataGit
import StrataState

/// `strata plan [--out FILE]`: desired (the repository) against live (the agents), per machine and feature.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show, per machine and feature, what applying the configuration would change on the live machines.",
        discussion: """
            Reads every machine's live state (at most --parallel at a time, each read with its own timeout) and \
            compares it with the compiled configuration of the working tree. Machines that cannot be reached are \
            reported and left out; a machine whose agent reports another version than requires.version is an \
            error. --out saves the plan as a versioned file for `strata apply FILE`, which refuses it if any \
            machine's live generation has changed meanwhile. Secrets are never shown or saved: only their \
            references, and digests to notice a changed value. Exit status: 0, or with --detailed-exitcode 0 \
            (no changes) or 2 (changes); 1 on errors (then no plan file is written). With --detailed-exitcode, \
            a machine that could not be reached also makes the status 1 (its drift is unknown), after the plan \
            file, if asked for, was written without it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var live: LiveOptions

    @Option(name: .long, help: ArgumentHelp("Save the plan to this file, for `strata apply FILE`.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Read at most this many machines' states at once.", valueName: "n"))
    var parallel: Int = 8

    @Flag(name: .long, help: "Exit 2 when there are changes, 0 when there are none (1 on errors or an unreachable machine).")
    var detailedExitcode = false

    func validate() throws {
        try output.require([.text, .json])
        guard parallel >= 1 else { throw ValidationError("--parallel takes a number of at least 1") }
    }

    func run() async throws {
        let console = Console()
        let session = try Session.load(global, console: console)
        let plan = try await session.plan(live: live, parallel: parallel)
        let view = PlanView(plan: plan, relativeTo: session.root)
        let style = Style(enabled: console.colorStdout)
        switch output.format {
        case .json: console.out(view.json().rendered() + "\n")
        default: console.out(view.text(style: style))
        }
        if !plan.blockingProblems.isEmpty {
            throw CommandFailure(
                view.blockingMessage, help: out == nil ? nil : "no plan file was written; fix the machines above and plan again")
        }
        if let out {
            try FileIO.writeFile(out, contents: plan.fileJSON.rendered() + "\n")
            let saved = "Saved the plan to \(out); apply it with `strata apply \(out)`.\n"
            if output.format == .json { console.err(saved) } else { console.out("\n" + saved) }
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

/// Options of the commands that talk to agents.
struct LiveOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("Seconds a whole state read may take, answer included (connecting: at most 5).", valueName: "seconds"))
    var timeout: Int = 10

    @Option(name: .long, help: ArgumentHelp("Seconds a whole apply request may take, answer included.", valueName: "seconds"))
    var applyTimeout: Int = 300

    init() {}

    var connection: ConnectionOptions {
        ConnectionOptions(connectTimeout: min(timeout, 5), readTimeout: timeout, applyTimeout: applyTimeout)
    }
}

extension PlanCommand {
    /// A validated working tree and its clusters' machines, ready to be compared with the live ones.
    struct Session {
        let workspace: Workspace
        /// The configuration root (relative secret and CA files are taken from here; embedded state lives below it).
        let root: String
        let clusters: [ClusterTargets]
        let secrets: SecretResolver

        /// Loads and compiles the working tree; refuses a configuration with errors; says what to warn about.
        static func load(_ global: GlobalOptions, console: Console) throws -> Session {
            let workspace = try Workspace.load(global)
            let clusters = workspace.result.clusters
            try workspace.refuseErrors(in: clusters.map(\.name), console: console)
            guard let root = workspace.location.root else {
                throw CommandFailure("this command needs a working tree; '\(global.repo)' has none")
            }
            guard !clusters.isEmpty else { throw CommandFailure("the repository has no cluster") }
            let targets = clusters.map { ClusterTargets($0, repositoryRoot: root) }
            let style = Style(enabled: console.colorStderr)
            for warning in targets.flatMap(\.warnings) { console.err(style.yellow("warning:") + " \(warning.terminalSafe)\n") }
            return Session(workspace: workspace, root: root, clusters: targets, secrets: Self.secrets(root: root))
        }

        /// Every machine's live state, then the plan.
        func plan(live options: LiveOptions, parallel: Int) async throws -> Plan {
            let desired = workspace.result.clusters.flatMap(\.effective)
            let commits = self.commits()
            let clusters = self.clusters
            let secrets = self.secrets
            return try await AgentConnections.with(clusters, options: options.connection, secrets: secrets, logger: Self.logger()) {
                connections in
                let live = await LiveStateReader.fetch(clusters.flatMap(\.machines), using: connections, parallel: parallel)
                return Planner.plan(
                    clusters: clusters, desired: desired, live: live, commits: commits, secrets: secrets, createdAt: Timestamp.now())
            }
        }

        /// The live states alone (status, check).
        func readStates(live options: LiveOptions, parallel: Int) async throws -> [LiveMachine] {
            let clusters = self.clusters
            return try await AgentConnections.with(clusters, options: options.connection, secrets: secrets, logger: Self.logger()) {
                connections in
                await LiveStateReader.fetch(clusters.flatMap(\.machines), using: connections, parallel: parallel)
            }
        }

        /// HEAD's id for each cluster whose files have no uncommitted change (sent as the applied commit).
        func commits() -> [ClusterName: String] {
            guard let git = workspace.location.git, let head = try? git.headCommit() else { return [:] }
            var commits: [ClusterName: String] = [:]
            for cluster in workspace.result.clusters {
                let prefix = workspace.location.prefix
                let directory = (prefix.isEmpty ? "" : prefix + "/") + "clusters/\(cluster.name)"
                if let status = try? git.status(under: directory), status.isEmpty { commits[cluster.name] = head.id }
            }
            return commits
        }

        /// Secrets from this process's environment; relative files from the configuration root.
        static func secrets(root: String) -> SecretResolver {
            SecretResolver(environment: ProcessInfo.processInfo.environment, baseDirectory: root)
        }

        /// Log lines on standard error: warnings and worse, or the level `STRATA_LOG_LEVEL` names.
        static func logger() -> Logger {
            var logger = Logger(label: "strata") { label in StreamLogHandler.standardError(label: label) }
            let level = ProcessInfo.processInfo.environment["STRATA_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
            logger.logLevel = level ?? .warning
            return logger
        }
    }
}
