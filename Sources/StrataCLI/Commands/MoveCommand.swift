import ArgumentParser
import StrataEdit

/// `strata move FEATURE --from MODE --to MODE...`: Cisco's CLUSTERSET move, as an edit of the YAML files.
struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a feature's setting from one mode to others, editing the YAML files.",
        discussion: """
            MODE is cluster, group:NAME or machine:NAME; --to all-groups names every group of the cluster. \
            The source loses its setting (copy down, then unset, is the safer way for tables). Only the lines of the feature change in each target file; \
            comments and every other line stay as written. The edited cluster is compiled before anything \
            is written: any error refuses the edit. Prints each machine's change in the diff format. \
            Exit status: 0 done (or, with --dry-run, would be done), 1 refused or failed.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The feature to move (smtp_routes, listeners, ...).")
    var feature: String

    @Option(name: .long, help: ArgumentHelp("The mode whose setting is moved.", valueName: "mode"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("A mode to move to (repeatable; all-groups for every group).", valueName: "mode"))
    var to: [String] = []

    @Flag(name: .long, help: "Overwrite a target mode that already configures the feature.")
    var replace = false

    @OptionGroup var options: EditOptions

    func validate() throws {
        _ = try EditRun.parse(from: from, to: to)
    }

    func run() throws {
        let (source, targets) = try EditRun.parse(from: from, to: to)
        let edit = FeatureEdit(kind: .move, feature: feature, source: source, targets: targets, replace: replace)
        try EditRun(global: global, format: output.format, options: options).run(edit)
    }
}
