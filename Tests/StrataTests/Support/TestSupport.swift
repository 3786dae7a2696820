import Foundation
import StrataModel
import StrataLoad
import StrataCompile

/// A configuration repository written to a temporary directory, removed when the test ends.
final class TempRepo {
    let root: URL

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// A copy of a repository under examples/.
    convenience init(copying example: String) throws {
        try self.init()
        let source = TestPaths.packageRoot.appendingPathComponent("examples/\(example)")
        // Hidden entries (a `.strata/` state left by `make demo` or an earlier run) are not part of the example.
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !item.hasPrefix(".") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { root.path }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Loads and compiles the repository in-process.
    func compile() throws -> CompilationResult {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: path)).load(diagnostics: &diagnostics)
        var result = Compiler.compile(declarations)
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        return result
    }
}

/// Where the package and the built `strata` executable are.
enum TestPaths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

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
}

/// The result of running the real `strata` executable.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `strata` with arguments, NO_COLOR set and no terminal.
func runStrata(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> CommandResult {
    var env = environment
    env["NO_COLOR"] = "1"
    return try runProcess(TestPaths.strata.path, arguments, environment: env, directory: directory)
}

/// Runs a program with the test process's environment plus `environment`, no terminal, output captured.
/// Inherited variables whose names start with one of `droppingInherited` are left out (e.g. `GIT_`).
func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
    droppingInherited prefixes: [String] = []
) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { variable in !prefixes.contains { variable.key.hasPrefix($0) } }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Files rather than pipes: a large output can never block the child.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
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
    return CommandResult(
        status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
        stderr: try String(contentsOf: errURL, encoding: .utf8))
}

extension Diagnostics {
    /// `(file, line, code)` triples, for exact assertions.
    var triples: [String] {
        sorted.map { "\($0.location.file):\($0.location.line) \($0.code.rawValue)" }
    }
}

/// Parses YAML text with the project's parser.
func parseYAML(_ text: String, limits: YAMLLimits = .standard) -> (YAMLNode?, Diagnostics) {
    var diagnostics = Diagnostics()
    let node = YAMLParser.parse(Array(text.utf8), file: "test.yaml", limits: limits, diagnostics: &diagnostics)
    return (node, diagnostics)
}

/// A minimal valid cluster: one group, machines in it, given cluster settings.
func minimalCluster(cluster: String = "", group: String = "settings: {}\n", machines: [String: String] = [:]) -> [String: String] {
    var files = [
        "clusters/c1/cluster.yaml": cluster.isEmpty ? "settings: {}\n" : cluster,
        "clusters/c1/groups/main.yaml": group,
    ]
    for (name, text) in machines { files["clusters/c1/machines/\(name).yaml"] = text }
    return files
}
