import ArgumentParser
import StrataCompile
import StrataEdit
import StrataGit
import StrataLoad
import StrataModel
import StrataPlan

/// What `copy`, `move` and `unset` share: load the working tree, run the edit in memory, print its
/// effect, and write (atomically, or as one commit) only when nothing refused it.
struct EditRun {
    let global: GlobalOptions
    let format: DataFormat
    let options: EditOptions

    /// The source mode and the targets as written; a usage error for anything else.
    static func parse(from: String, to: [String]) throws -> (Mode, [ModeArgument]) {
        guard case .mode(let source)? = ModeArgument(from) else {
            throw ValidationError("--from takes cluster, group:NAME or machine:NAME, not '\(from)'")
        }
        let targets = try to.map { text in
            guard let target = ModeArgument(text) else {
                throw ValidationError("--to takes cluster, group:NAME, machine:NAME or all-groups, not '\(text)'")
            }
            return target
        }
        return (source, targets)
    }

    func run(_ edit: FeatureEdit) throws {
        if edit.kind != .unset && edit.targets.isEmpty { throw ValidationError("\(edit.kind.rawValue) needs at least one --to MODE") }
        let console = Console()
        let location = try RepositoryLocation.locate(global.repo)
        guard let root = location.root else { throw CommandFailure("a bare repository has no working tree to edit") }
        let workspace = try Workspace.load(location, revision: nil, cluster: global.cluster)
        let cluster = try Self.cluster(of: workspace)
        try workspace.refuseErrors(in: [cluster.name], console: console)
        let outcome = ClusterEditor(source: workspace.source, cluster: cluster).apply(edit)
        let view = EditView(outcome: outcome, workspace: workspace)
        guard !outcome.refused else {
            if format == .json { console.out(view.refusalJSON().rendered() + "\n") }
            console.err(view.diagnosticsText(style: Style(enabled: console.colorStderr)))
            throw CommandFailure(
                "\(edit.kind.rawValue) \(edit.feature) refused: nothing was written",
                help: outcome.diagnostics.all.contains { $0.code.rawValue.hasPrefix("E6") } ? nil : "the edited configuration would not validate; line numbers are those of the files as the edit would write them")
        }
        var commit: GitCommit?
        if !options.dryRun {
            commit = try write(outcome.files, root: root, location: location, message: Self.message(for: outcome))
        }
        let written = !options.dryRun
        switch format {
        case .json:
            console.out(view.json(written: written, commit: commit).rendered() + "\n")
        case .text:
            console.out(view.text(written: written, commit: commit, style: Style(enabled: console.colorStdout)))
        }
        let warnings = outcome.diagnostics.all.filter { $0.severity == .warning }
        if !warnings.isEmpty && format == .text { console.err(view.diagnosticsText(style: Style(enabled: console.colorStderr))) }
    }

    /// The one cluster the edit concerns: `--cluster`, or the repository's only cluster.
    static func cluster(of workspace: Workspace) throws -> CompiledCluster {
        let clusters = workspace.result.clusters
        guard clusters.count == 1, let cluster = clusters.first else {
            if clusters.isEmpty { throw CommandFailure("the repository holds no cluster to edit") }
            throw CommandFailure(
                "the repository holds \(clusters.count) clusters: \(clusters.map(\.name.rawValue).joined(separator: ", "))",
                help: "pass --cluster NAME")
        }
        return cluster
    }

    private static func message(for outcome: EditOutcome) -> String {
        let edit = outcome.edit
        let targets = outcome.targets.map(\.description).joined(separator: ", ")
        return edit.kind == .unset
            ? "Unset \(edit.feature) in \(edit.source)"
            : "\(edit.kind == .copy ? "Copy" : "Move") \(edit.feature) from \(edit.source) to \(targets)"
    }

    /// Writes the files atomically, or with --commit as one commit (`message` unless --message).
    func write(_ edited: [EditedFile], root: String, location: RepositoryLocation, message: String) throws -> GitCommit? {
        guard options.commit else {
            do {
                try EditWriter.write(edited, root: root)
            } catch {
                throw CommandFailure(error.message)
            }
            return nil
        }
        let git = try location.requireGit(for: "--commit")
        let directory = GitRevisionSource.join(location.prefix, "clusters")
        do {
            let signature = try options.author.map { text throws(GitError) in try GitSignature.parse(text) }
            try git.requireClean(under: directory)
            let files = Dictionary(uniqueKeysWithValues: edited.map { (GitRevisionSource.join(location.prefix, $0.path), $0.after) })
            return try git.commit(writing: files, removing: [], message: options.message ?? message, author: signature)
        } catch {
            if error.code == .dirtyWorktree {
                throw CommandFailure(
                    "the repository's cluster files have uncommitted changes; the commit would not hold just this edit",
                    help: "commit or stash them first (git status \(directory))")
            }
            throw CommandFailure(error.message, help: error.code == .missingIdentity ? "set git's user.name and user.email, or pass --author \"Name <email>\"" : nil)
        }
    }
}
