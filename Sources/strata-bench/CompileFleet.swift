import ArgumentParser
import StrataCompile
import StrataLoad
import StrataModel

/// `strata-bench compile DIR`: what `strata validate` does, in one process, without the CLI; for profiling.
struct CompileFleet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", abstract: "Load, check and flatten every machine of a repository; print the counts.")

    @Argument(help: "The repository.") var repo: String
    @Option(help: "Repeat the whole run this many times (for profilers).") var repetitions = 1

    func run() throws {
        for _ in 0..<max(1, repetitions) {
            var diagnostics = Diagnostics()
            let declarations = try RepositoryLoader(source: WorkingTreeSource(root: repo)).load(diagnostics: &diagnostics)
            let result = Compiler.compile(declarations)
            diagnostics.append(contentsOf: result.diagnostics)
            let errors = diagnostics.errorCount
            let machines = result.clusters.reduce(0) { $0 + $1.effective.count }
            print("clusters \(result.clusters.count) machines \(machines) errors \(errors) warnings \(diagnostics.all.count - errors)")
            if errors > 0 {
                for diagnostic in diagnostics.sorted.prefix(20) { print("\(diagnostic.location): \(diagnostic.message)") }
                throw ExitCode(1)
            }
        }
    }
}
