import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp("The configuration repository.", valueName: "dir"))
    var repo: String = "."

    @Option(name: .long, help: ArgumentHelp("Only this cluster, when the repository holds several.", valueName: "name"))
    var cluster: String?

    init() {}
}

/// `--rev REV`: read the configuration from a git revision instead of the working tree.
struct RevisionOption: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "Read the configuration at this git revision (HEAD~1, main, a tag, a commit id) instead of the working tree.",
        valueName: "rev"))
    var rev: String?

    init() {}
}
