import ArgumentParser
import Foundation
import StrataModel
import StrataPlan
import StrataApply
import StrataGit
#if canImport(Glibc)
import Glibc
#endif

/// `strata reconcile`: the GitOps loop, following a branch and applying each new valid commit.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Follow a branch and apply each new valid commit to the live machines.",
        discussion: """
            At each interval, reads the head of --branch (fetched first from --remote, a path or file:// URL \
            or a configured remote's name; otherwise the local branch). A new commit is validated: an invalid \
            one is reported with its diagnostics and never applied, and the last good commit stays in force. \
            A valid one is planned and applied rolling (--parallel), rolling back the machines already changed \
            when one fails; every machine records the commit (see `strata status`). A commit with a destructive \
            change on any machine is held back whole and reported once (apply it with `strata apply \
            --allow-destructive`, or commit a fix). Between new commits, drift \
            from the commit in force is reported, and corrected with --self-heal. --dry-run plans and reports \
            only. Events are printed as they happen: as text (--format text) or one JSON object per line \
            (--format json); without --format, text on a terminal and JSON lines otherwise. SIGTERM or \
            SIGINT stops the loop, between machines during a rollout. \
            With --once, one pass is made and the exit status is 1 when anything failed.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: AutoFormatOption<DataFormat>
    @OptionGroup var live: LiveOptions

    @Option(name: .long, help: "The branch to follow.")
    var branch = "main"

    @Option(name: .long, help: ArgumentHelp("Fetch the branch from this remote (a name, a path or a file:// URL).", valueName: "remote"))
    var remote: String?

    @Option(name: .long, help: ArgumentHelp("Time between passes (30s, 5m, 1h).", valueName: "duration"))
    var interval = "30s"

    @Flag(name: .long, help: "Make one pass and exit (status 1 when anything failed).")
    var once = false

    @Flag(name: .long, help: "Correct drift from the commit in force (otherwise it is only reported).")
    var selfHeal = false

    @Flag(name: .long, help: "Plan and report, never apply.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Apply to at most this many machines at once.", valueName: "n"))
    var parallel: Int = 1

    func validate() throws {
        guard Self.seconds(interval) != nil else { throw ValidationError("--interval takes a duration such as 30s, 5m or 1h") }
        guard parallel >= 1 else { throw ValidationError("--parallel takes a number of at least 1") }
    }

    func run() async throws {
        let console = Console()
        let location = try RepositoryLocation.locate(global.repo)
        let git = try location.requireGit(for: "reconcile")
        let source = GitBranchSource(location: location, git: git, branch: branch, remote: remote, cluster: global.cluster)
        let root = location.root ?? git.gitDirectory
        let options = Reconciler.Options(
            selfHeal: selfHeal, dryRun: dryRun, parallel: parallel, appliedBy: ApplyCommand.appliedBy(), connection: live.connection)
        let loop = ReconcileLoop(
            source: source, options: options,
            secrets: SecretResolver(environment: ProcessInfo.processInfo.environment, baseDirectory: root), logger: commandLogger(),
            memoryFile: root + "/.strata/reconcile/" + branch.replacingOccurrences(of: "/", with: "%2F") + ".json",
            interval: Self.seconds(interval) ?? 30, once: once)
        let format = output.format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .json)
        let style = Style(enabled: console.colorStdout)
        let failed = try await loop.run(
            emit: { event in console.out(ReconcileView.render(event, format, style: style)) },
            warn: { message in console.err("warning: \(message)\n") })
        if failed { throw ExitCode(1) }
    }

    /// `30s`, `5m`, `1h` or a bare number of seconds.
    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        if let last = text.last, let unit = units[last], let value = Int(text.dropLast()), value > 0 { return value * unit }
        if let value = Int(text), value > 0 { return value }
        return nil
    }
}

/// The followed branch, read through libgit2; each commit loaded and compiled like `--rev`.
struct GitBranchSource: ReconcileSource {
    let location: RepositoryLocation
    let git: GitRepository
    let branch: String
    let remote: String?
    let cluster: String?

    func head() async throws -> ReconcileCommit {
        let commit = if let remote { try git.fetch(remote: remote, branch: branch) } else { try git.resolve("refs/heads/" + branch) }
        return ReconcileCommit(id: commit.id, summary: commit.summary)
    }

    func revision(_ commit: ReconcileCommit) async throws -> ReconcileRevision {
        let workspace = try Workspace.load(location, revision: commit.id, cluster: cluster)
        let clusters = workspace.result.clusters
        let root = location.root ?? git.gitDirectory
        return ReconcileRevision(
            commit: commit, clusters: clusters.map { ClusterTargets($0, repositoryRoot: root) }, desired: clusters.flatMap(\.effective),
            // Every error counts: a cluster whose files do not even load is missing from `clusters`.
            errors: workspace.result.diagnostics.sorted.filter { $0.severity == .error })
    }
}
