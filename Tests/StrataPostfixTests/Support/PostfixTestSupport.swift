import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataPostfix

/// Paths, example compilation and process running for the Postfix renderer's tests.
enum PostfixTestSupport {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

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
    static let strata: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("strata")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/strata")
    }()

    /// A fresh temporary directory, removed by the caller.
    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-postfix-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The result of running a program.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program with no terminal and its output in files (a large output never blocks it).
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let scratch = try PostfixTestSupport.scratch("run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return ProcessResult(
        status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
        stderr: try String(contentsOf: errURL, encoding: .utf8))
}

/// Runs `strata` with NO_COLOR set.
func runStrata(_ arguments: [String]) throws -> ProcessResult {
    try runProgram(PostfixTestSupport.strata.path, arguments, environment: ["NO_COLOR": "1"])
}

extension PostfixRendering {
    /// A file's content, or "" when it was not rendered (the assertion then shows what is missing).
    func text(_ path: String) -> String { file(path)?.content ?? "" }

    /// Every warning as `path: message`.
    var warningLines: [String] { warnings.map { "\($0.path): \($0.message)" } }
}
