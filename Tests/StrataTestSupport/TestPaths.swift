public import Foundation

/// Where the package and the built `strata` executable are.
public enum TestPaths {
    /// The package's root directory (the one holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `strata` executable built beside the running test bundle.
    public static let strata: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("strata")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/strata")
    }()

    /// `examples/<name>` in the package.
    public static func example(_ name: String) -> URL {
        packageRoot.appendingPathComponent("examples/\(name)")
    }

    /// Copies examples/<name> into `destination` (created if needed).
    public static func copyExample(_ name: String, to destination: URL) throws {
        let source = example(name)
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        // Hidden entries (a `.strata/` state left by `make demo` or an earlier run) are not part of the example.
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !item.hasPrefix(".") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: destination.appendingPathComponent(item))
        }
    }
}
