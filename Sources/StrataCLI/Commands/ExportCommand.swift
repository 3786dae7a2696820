import ArgumentParser
import StrataModel
import StrataCompile
import StrataYAML
import StrataCatalogue

/// `strata export MACHINE`: a standalone file with everything the machine inherits, at machine mode.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a machine's flattened configuration as a standalone file (flatten-on-remove).",
        discussion: """
            Every feature the machine resolves, defaults included, is written at machine mode, so the \
            machine keeps working as before once it leaves the cluster. Check the result with \
            `strata validate --standalone FILE`. Secrets stay references ({env: ...}, {file: ...}).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var revision: RevisionOption

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The machine to export.")
    var machine: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    func validate() throws {
    }

    func run() throws {
        let console = Console()
        let workspace = try Workspace.load(global, revision: revision.rev)
        let (cluster, effective) = try workspace.effectiveConfiguration(of: machine, console: console)
        let name = effective.machine
        let commit = workspace.sourceCommit(of: cluster.name)
        let serial = cluster.machines[name]?.serial
        let document = output.format == .json
            ? JSON.object([
                ("standalone", .string(name.rawValue)), ("cluster", .string(cluster.name.rawValue)),
                ("group", .string(effective.group.rawValue)), ("commit", .optional(commit)), ("serial", .optional(serial)),
                ("settings", CanonicalDecoder.json(effective)),
            ]).rendered() + "\n"
            : StandaloneExport.document(for: effective, serial: serial, commit: commit)
        if let outputFile {
            try FileIO.writeFile(outputFile, contents: document)
            console.err("exported \(name) to \(outputFile)\n")
        } else {
            console.out(document)
        }
    }
}
