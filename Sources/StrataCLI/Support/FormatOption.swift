import ArgumentParser

/// The formats one command renders, in the order `--help` lists them.
protocol FormatChoice: CaseIterable, ExpressibleByArgument, Sendable {
    /// The format without `--format`.
    static var standard: Self { get }
    /// The option's help line (the parser adds the list of values).
    static var help: String { get }
}

/// `--format`: exactly the formats the command renders. `--help` lists those and no other; any other value is a
/// usage error from the parser, before the command runs.
struct FormatOption<Choice: FormatChoice>: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(Choice.help, valueName: "format"))
    var format: Choice = .standard

    init() {}
}

/// `--format` of a command whose default depends on where its output goes (reconcile: text on a terminal, JSON
/// lines otherwise).
struct AutoFormatOption<Choice: FormatChoice>: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "Output format (without it: text on a terminal, JSON lines otherwise).", valueName: "format"))
    var format: Choice?

    init() {}
}

/// Text for a person, or the JSON contract: what most commands render.
enum DataFormat: String, FormatChoice {
    case text
    case json

    static var standard: DataFormat { .text }
    static var help: String { "Output format." }
}

/// Text, JSON, and the two forms for a code review: a Markdown pull-request comment and GitHub annotations
/// (validate, diff, plan).
enum ReviewFormat: String, FormatChoice {
    case text
    case json
    case markdown
    case github

    static var standard: ReviewFormat { .text }
    static var help: String { "Output format (markdown: a pull-request comment; github: annotations for GitHub Actions)." }
}
