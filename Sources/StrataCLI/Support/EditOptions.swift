import ArgumentParser

/// The options `copy`, `move` and `unset` share: what to do with the result of the edit.
struct EditOptions: ParsableArguments, Sendable {
    @Flag(name: .long, help: "Check the edit and print its effect; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Record the edited files in one git commit.")
    var commit = false

    @Option(name: .long, help: ArgumentHelp("The commit message (with --commit).", valueName: "text"))
    var message: String?

    @Option(name: .long, help: ArgumentHelp("The commit author as \"Name <email>\" (default: git configuration).", valueName: "author"))
    var author: String?

    init() {}

    func validate() throws {
        if !commit && (message != nil || author != nil) { throw ValidationError("--message and --author go with --commit") }
        if commit && dryRun { throw ValidationError("--dry-run writes nothing, so there is nothing to commit") }
    }
}
