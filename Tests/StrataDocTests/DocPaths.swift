import Foundation
import StrataTestSupport

/// The manual's pages; where the package and the built `strata` are comes from ``TestPaths``.
enum DocPaths {
    static var packageRoot: URL { TestPaths.packageRoot }
    static var strata: URL { TestPaths.strata }

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
