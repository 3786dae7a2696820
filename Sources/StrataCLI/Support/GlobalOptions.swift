import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("The configuration repository.", valueName: "dir"))
    var repo: String = "."

    @Option(name: .long, help: ArgumentHelp("Only this cluster, when the repository holds several.", valueName: "name"))
    var cluster: String?

    init() {}
}

/// The `--format` option, with the formats a command accepts.
struct FormatOption: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("Output format: text or json (validate also: github, markdown).", valueName: "format"))
    var format: OutputFormat = .text

    init() {}

    /// Refuses formats the command does not offer.
    func require(_ allowed: [OutputFormat]) throws {
        guard allowed.contains(format) else {
            throw ValidationError("--format \(format.rawValue) is not available here; use one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// `--rev REV`: read the configuration from a git revision instead of the working tree.
struct RevisionOption: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "Read the configuration at this git revision (HEAD~1, main, a tag, a commit id) instead of the working tree.",
        valueName: "rev"))
    var rev: String?

    init() {}
}
