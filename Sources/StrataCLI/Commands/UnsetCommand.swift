import ArgumentParser
import StrataEdit

/// `strata unset FEATURE --from MODE`: remove a mode's setting so the mode inherits again.
struct UnsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset",
        abstract: "Remove a feature's setting from a mode, so the mode inherits it again.",
        discussion: """
            MODE is cluster, group:NAME or machine:NAME. Only the feature's lines are removed; a settings: \
            left empty becomes settings: {}. The edited cluster is compiled before anything is written: \
            any error refuses the edit. Prints each machine's change in the diff format. \
            Exit status: 0 done (or, with --dry-run, would be done), 1 refused or failed.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var output: FormatOption<DataFormat>

    @Argument(help: "The feature to unset.")
    var feature: String

    @Option(name: .long, help: ArgumentHelp("The mode whose setting is removed.", valueName: "mode"))
    var from: String

    @OptionGroup var options: EditOptions

    func validate() throws {
        _ = try EditRun.parse(from: from, to: [])
    }

    func run() throws {
        let (source, _) = try EditRun.parse(from: from, to: [])
        let edit = FeatureEdit(kind: .unset, feature: feature, source: source)
        try EditRun(global: global, format: output.format, options: options).run(edit)
    }
}
