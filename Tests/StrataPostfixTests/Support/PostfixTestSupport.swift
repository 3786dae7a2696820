import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataPostfix
import StrataTestSupport
import StrataYAML
import StrataCatalogue

/// Paths, example compilation and process running for the Postfix renderer's tests.
enum PostfixTestSupport {
    static let packageRoot = TestPaths.packageRoot

    static let americas = packageRoot.appendingPathComponent("examples/americas").path
    static let goldenRoot = packageRoot.appendingPathComponent("Tests/StrataPostfixTests/Golden")
    static let machines = ["buttercup.run", "losangeles.example.com", "newyork.example.com"]

    /// The layout `strata render` uses by default.
    static let defaultLayout = PostfixLayout(configDirectory: "/etc/postfix", maillogFile: "/var/lib/strata-agent/postfix/maillog")

    static var recording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }

    /// Every machine's canonical configuration of a repository, as the planner sends it to agents.
    static func configurations(repository: String) throws -> [String: JSON] {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: repository)).load(diagnostics: &diagnostics)
        let result = Compiler.compile(declarations)
        diagnostics.append(contentsOf: result.diagnostics)
        let errors = diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.isEmpty, "repository does not compile: \(errors.map(\.message))")
        var configurations: [String: JSON] = [:]
        for effective in result.clusters.flatMap(\.effective) {
            configurations[effective.machine.description] = CanonicalDecoder.json(effective)
        }
        return configurations
    }

    /// Renders a hand-written canonical configuration (JSON text) with the default layout.
    static func render(_ json: String, secrets: PostfixSecrets = .references) throws -> PostfixRendering {
        try PostfixRenderer.render(configuration: try JSONParser.parse(json), machine: "mx.example.com", secrets: secrets, layout: defaultLayout)
    }

    /// The `strata` executable built beside the running test bundle.
    static let strata = TestPaths.strata

    /// A fresh temporary directory, removed by the caller.
    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-postfix-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The result of running a program.
typealias ProcessResult = CommandResult

/// Runs a program with no terminal and its output in files (a large output never blocks it).
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ProcessResult {
    try await runProcess(executable, arguments, environment: environment)
}

extension PostfixRendering {
    /// A file's content, or "" when it was not rendered (the assertion then shows what is missing).
    func text(_ path: String) -> String { file(path)?.content ?? "" }

    /// Every warning as `path: message`.
    var warningLines: [String] { warnings.map { "\($0.path): \($0.message)" } }
}
