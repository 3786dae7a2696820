import ArgumentParser
import StrataEdit
import StrataModel

/// `strata join STANDALONE --cluster NAME --group NAME`: add a standalone machine to a cluster.
struct JoinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Add a standalone machine to a cluster, keeping only its machine-only settings.",
        discussion: """
            As in the Cisco guide, the machine's clusterable settings are discarded: it inherits them from \
            the cluster and its group. Its machine-only settings (interfaces, hostname, routes, \
            feature_keys) are written to its machine file. Lists what was discarded and how the machine's \
            effective configuration differs from the standalone file's. Exit status: 0 done, 1 refused or failed.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The standalone file (strata export).")
    var standalone: String

    @Option(name: .long, help: ArgumentHelp("The group the machine joins (required).", valueName: "name"))
    var group: String

    @OptionGroup var options: EditOptions

    func validate() throws {
        guard let cluster = global.cluster else { throw ValidationError("join needs --cluster NAME") }
        try ImportRun.validateNames(cluster: cluster, group: group)
    }

    func run() throws {
        let run = ImportRun(global: global, format: output.format, options: options)
        try run.run(kind: "join", standalone: standalone, loadsCluster: true) { source, bytes, path, cluster in
            guard let cluster else { return nil }
            return MachineImporter(source: source).join(standalone: bytes, path: path, cluster: cluster, group: GroupName(group))
        }
    }
}
