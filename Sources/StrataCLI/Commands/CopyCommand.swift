import ArgumentParser
import StrataEdit

/// `strata copy FEATURE --from MODE --to MODE...`: Cisco's CLUSTERSET copy, as an edit of the YAML files.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a feature's setting from one mode to others, editing the YAML files.",
        discussion: """
            MODE is cluster, group:NAME or machine:NAME; --to all-groups names every group of the cluster. \
            The source keeps its setting. Only the lines of the feature change in each target file; \
            comments and every other line stay as written. The edited cluster is compiled before anything \
            is written: any error refuses the edit. Prints each machine's change in the diff format. \
            Exit status: 0 done (or, with --dry-run, would be done), 1 refused or failed.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The feature to copy (smtp_routes, listeners, ...).")
    var feature: String

    @Option(name: .long, help: ArgumentHelp("The mode whose setting is copied.", valueName: "mode"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("A mode to copy to (repeatable; all-groups for every group).", valueName: "mode"))
    var to: [String] = []

    @Flag(name: .long, help: "Overwrite a target mode that already configures the feature.")
    var replace = false

    @OptionGroup var options: EditOptions

    func validate() throws {
        _ = try EditRun.parse(from: from, to: to)
    }

    func run() throws {
        let (source, targets) = try EditRun.parse(from: from, to: to)
        let edit = FeatureEdit(kind: .copy, feature: feature, source: source, targets: targets, replace: replace)
        try EditRun(global: global, format: output.format, options: options).run(edit)
    }
}
