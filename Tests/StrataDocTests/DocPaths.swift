import Foundation

/// Where the package, its manual and the built `strata` executable are.
enum DocPaths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `strata` executable built beside the running test bundle (as the other test targets find it).
    static let strata: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("strata")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/strata")
    }()

    /// The pages whose console blocks are tests: README.md, Docs/*.md and every README.md under examples/.
    static func pages() throws -> [String] {
        let manager = FileManager.default
        var pages = ["README.md"]
        let docs = try manager.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Docs").path)
        pages += docs.filter { $0.hasSuffix(".md") }.sorted().map { "Docs/\($0)" }
        let examples = packageRoot.appendingPathComponent("examples")
        if let walker = manager.enumerator(atPath: examples.path) {
            var found: [String] = []
            for case let path as String in walker where path.hasSuffix("README.md") { found.append("examples/\(path)") }
            pages += found.sorted()
        }
        return pages
    }
}
