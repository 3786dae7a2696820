import ArgumentParser
import StrataEdit
import StrataModel

/// `strata init --from STANDALONE --cluster NAME [--group NAME]`: a new cluster from a standalone machine.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a cluster from a standalone machine file (an export).",
        discussion: """
            Features allowed in cluster mode go to cluster.yaml, machine-only ones to the machine's file; \
            the group (default Main_Group) gets settings: {}. The machine's effective configuration is \
            the same as the standalone file's. The new cluster is compiled before anything is written. \
            Exit status: 0 done, 1 refused or failed.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Option(name: .long, help: ArgumentHelp("The standalone file (strata export).", valueName: "file"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("The group the machine goes to.", valueName: "name"))
    var group: String = "Main_Group"

    @OptionGroup var options: EditOptions

    func validate() throws {
        guard let cluster = global.cluster else { throw ValidationError("init needs --cluster NAME") }
        try ImportRun.validateNames(cluster: cluster, group: group)
    }

    func run() throws {
        let run = ImportRun(global: global, format: output.format, options: options)
        try run.run(kind: "init", standalone: from) { source, bytes, path, _ in
            MachineImporter(source: source).createCluster(
                standalone: bytes, path: path, cluster: ClusterName(global.cluster ?? ""), group: GroupName(group))
        }
    }
}
