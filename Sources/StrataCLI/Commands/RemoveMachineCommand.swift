import ArgumentParser
import Foundation
import StrataModel
import StrataCompile
import StrataLoad
import StrataGit
import StrataYAML
import StrataCatalogue

/// `strata remove-machine MACHINE --export FILE [--commit]`: flatten-on-remove.
struct RemoveMachineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-machine",
        abstract: "Remove a machine from its cluster, keeping its flattened configuration as a standalone file.",
        discussion: """
            Writes the machine's standalone export (everything it inherits, at machine mode — Cisco's \
            flatten-on-remove), then deletes its machine file. With --commit, both are recorded in one \
            commit on the current branch; the command refuses when the cluster's files have uncommitted \
            changes, so the commit holds exactly this removal.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The machine to remove.")
    var machine: String

    @Option(name: .long, help: ArgumentHelp("Where to write the standalone export (required).", valueName: "file"))
    var export: String

    @Flag(name: .long, help: "Record the export and the removal in one git commit.")
    var commit = false

    @Option(name: .long, help: ArgumentHelp("The commit message (with --commit).", valueName: "text"))
    var message: String?

    @Option(name: .long, help: ArgumentHelp("The commit author as \"Name <email>\" (default: git configuration).", valueName: "author"))
    var author: String?

    func validate() throws {
        if !commit && (message != nil || author != nil) {
            throw ValidationError("--message and --author go with --commit")
        }
    }

    func run() throws {
        let console = Console()
        let location = try RepositoryLocation.locate(global.repo)
        guard let root = location.root else { throw CommandFailure("a bare repository has no machine files to remove") }
        let workspace = try Workspace.load(location, revision: nil, cluster: global.cluster)
        let (cluster, name) = try workspace.machine(machine)
        try workspace.refuseErrors(in: [cluster.name], console: console)
        guard let effective = cluster.effective(for: name) else { throw CommandFailure("machine '\(name)' has no effective configuration") }

        let exportURL = URL(fileURLWithPath: export).standardizedFileURL
        let clustersURL = URL(fileURLWithPath: root).appendingPathComponent("clusters").standardizedFileURL
        if exportURL.path.hasPrefix(clustersURL.path + "/") {
            throw CommandFailure("the export must not be written inside clusters/, where it would be read as configuration")
        }
        let machinePath = "clusters/\(cluster.name)/machines/\(name).yaml"
        var commitInfo: GitCommit?
        if commit {
            commitInfo = try record(
                effective: effective, serial: cluster.machines[name]?.serial, workspace: workspace,
                exportURL: exportURL, machinePath: machinePath)
        } else {
            let document = StandaloneExport.document(
                for: effective, serial: cluster.machines[name]?.serial, commit: workspace.sourceCommit(of: cluster.name))
            try FileIO.writeFile(exportURL.path, contents: document)
            do {
                try FileManager.default.removeItem(atPath: root + "/" + machinePath)
            } catch {
                throw CommandFailure("exported to \(export), but cannot delete \(machinePath): \(error.localizedDescription)")
            }
        }
        switch output.format {
        case .json:
            console.out(JSON.object([
                ("machine", .string(name.rawValue)), ("cluster", .string(cluster.name.rawValue)),
                ("export", .string(export)), ("removed", .string(machinePath)),
                ("commit", .optional(commitInfo?.id)),
            ]).rendered() + "\n")
        default:
            var text = "removed \(name) from cluster \(cluster.name): deleted \(machinePath), standalone export in \(export.terminalSafe)\n"
            if let commitInfo { text += "committed \(commitInfo.shortId): \(commitInfo.summary.terminalSafe)\n" }
            console.out(text)
        }
    }

    /// Writes the export and deletes the machine file in one commit on the current branch.
    private func record(
        effective: EffectiveConfiguration, serial: String?, workspace: Workspace, exportURL: URL, machinePath: String
    ) throws -> GitCommit {
        let location = workspace.location
        let git = try location.requireGit(for: "--commit")
        guard let workdir = git.workdir else { throw CommandFailure("a bare repository has no working tree to commit from") }
        let top = URL(fileURLWithPath: workdir).standardizedFileURL.resolvingSymlinksInPath().path
        let exportDirectory = exportURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        guard exportDirectory == top || exportDirectory.hasPrefix(top + "/") else {
            throw CommandFailure(
                "with --commit the export must be inside the repository (\(top)), to be part of the commit",
                help: "pass --export with a path inside the repository, or leave out --commit")
        }
        let exportPath = String((exportDirectory + "/" + exportURL.lastPathComponent).dropFirst(top.count + 1))
        let clusterDirectory = GitRevisionSource.join(location.prefix, "clusters/\(effective.cluster)")
        let signature: GitSignature?
        do {
            signature = try author.map { text throws(GitError) in try GitSignature.parse(text) }
            try git.requireClean(under: clusterDirectory)
            let head = try git.headCommit()
            let document = StandaloneExport.document(for: effective, serial: serial, commit: head?.id)
            let text = message ?? """
                Remove \(effective.machine) from cluster \(effective.cluster)

                Its flattened configuration (everything it inherited from group \(effective.group) \
                and the cluster) is kept as a standalone file in \(exportPath).
                """
            return try git.commit(
                writing: [exportPath: Array(document.utf8)], removing: [GitRevisionSource.join(location.prefix, machinePath)],
                message: text, author: signature)
        } catch {
            if error.code == .dirtyWorktree {
                throw CommandFailure(
                    "the files of cluster \(effective.cluster) have uncommitted changes; the commit would not hold just this removal",
                    help: "commit or stash them first (git status \(clusterDirectory))")
            }
            throw CommandFailure(error.message, help: error.code == .missingIdentity ? "set git's user.name and user.email, or pass --author \"Name <email>\"" : nil)
        }
    }
}
