import ArgumentParser
import StrataEdit
import StrataGit
import StrataLoad
import StrataModel

/// What `init --from` and `join` share: read the standalone file, build the new files in memory,
/// print the result, and write (atomically, or as one commit) only when nothing refused it.
struct ImportRun {
    let global: GlobalOptions
    let format: DataFormat
    let options: EditOptions

    static func validateNames(cluster: String, group: String) throws {
        guard NameRules.isValidClusterOrGroupName(cluster) else { throw ValidationError("'\(cluster)' is not a valid cluster name") }
        guard NameRules.isValidClusterOrGroupName(group) else { throw ValidationError("'\(group)' is not a valid group name") }
    }

    /// Runs `make` on the working tree (with the compiled `--cluster` when `loadsCluster`), then prints and writes.
    func run(
        kind: String, standalone: String, loadsCluster: Bool = false,
        make: (any ConfigSource, [UInt8], String, CompiledCluster?) -> MachineImport?
    ) throws {
        let console = Console()
        let location = try RepositoryLocation.locate(global.repo)
        guard let root = location.root else { throw CommandFailure("a bare repository has no working tree to edit") }
        let bytes = try FileIO.readFile(standalone)
        var source: any ConfigSource
        var cluster: CompiledCluster?
        var workspace: Workspace?
        if loadsCluster {
            let loaded = try Workspace.load(location, revision: nil, cluster: global.cluster)
            cluster = try EditRun.cluster(of: loaded)
            try loaded.refuseErrors(in: [cluster?.name].compactMap { $0 }, console: console)
            source = loaded.source
            workspace = loaded
        } else {
            do {
                source = try WorkingTreeSource(root: root)
            } catch {
                throw CommandFailure(error.message)
            }
        }
        guard let outcome = make(source, bytes, standalone, cluster) else { throw CommandFailure("no cluster to \(kind)") }
        let view = ImportView(kind: kind, outcome: outcome, standalone: (standalone, bytes), workspace: workspace)
        guard !outcome.refused else {
            if format == .json { console.out(view.refusalJSON().rendered() + "\n") }
            console.err(view.diagnosticsText(style: Style(enabled: console.colorStderr)))
            throw CommandFailure("\(kind) \(outcome.machine) refused: nothing was written")
        }
        var commit: GitCommit?
        if !options.dryRun {
            let message = kind == "init"
                ? "Create cluster \(outcome.cluster) from \(outcome.machine)"
                : "Join \(outcome.machine) to cluster \(outcome.cluster), group \(outcome.group)"
            commit = try EditRun(global: global, format: format, options: options)
                .write(outcome.files, root: root, location: location, message: message)
        }
        switch format {
        case .json: console.out(view.json(written: !options.dryRun, commit: commit).rendered() + "\n")
        case .text: console.out(view.text(written: !options.dryRun, commit: commit, style: Style(enabled: console.colorStdout)))
        }
    }
}
