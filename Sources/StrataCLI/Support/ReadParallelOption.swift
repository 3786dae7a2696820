import ArgumentParser

/// `--parallel` of the commands that only read live states (plan, status, check): how many machines' agents
/// are asked at once. Applying commands have their own `--parallel` (machines changed at once, default 1).
struct ReadParallelOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read at most this many machines' states at once.", valueName: "n"))
    var parallel: Int = 8

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel takes a number of at least 1") }
    }
}
