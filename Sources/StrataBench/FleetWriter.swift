import Foundation

/// Writes a generated fleet to disk: `<root>/strata` (a Strata repository) and `<root>/ansible` (the inventory).
public struct FleetWriter: Sendable {
    /// What the generator makes.
    public let generator: FleetGenerator

    /// Creates a writer.
    public init(shape: FleetShape) { generator = FleetGenerator(shape: shape) }

    /// Totals of what was written.
    public struct Summary: Sendable {
        /// Strata files and bytes.
        public var strataFiles = 0, strataBytes = 0
        /// Ansible files and bytes.
        public var ansibleFiles = 0, ansibleBytes = 0
    }

    /// Replaces `<root>/strata` and `<root>/ansible` with a freshly generated fleet.
    public func write(to root: String) throws -> Summary {
        let manager = FileManager.default
        let strata = root + "/strata"
        let ansible = root + "/ansible"
        for directory in [strata, ansible] where manager.fileExists(atPath: directory) {
            try manager.removeItem(atPath: directory)
        }
        var summary = Summary()
        for cluster in 0..<generator.shape.clusters {
            for file in generator.strataFiles(cluster: cluster) {
                summary.strataFiles += 1
                summary.strataBytes += try Self.write(file, under: strata)
            }
            for file in generator.ansibleFiles(cluster: cluster) {
                summary.ansibleFiles += 1
                summary.ansibleBytes += try Self.write(file, under: ansible)
            }
        }
        summary.ansibleFiles += 1
        summary.ansibleBytes += try Self.write(generator.ansibleHosts(), under: ansible)
        return summary
    }

    private static func write(_ file: GeneratedFile, under root: String) throws -> Int {
        let url = URL(fileURLWithPath: root + "/" + file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = Data(file.text.utf8)
        try data.write(to: url)
        return data.count
    }
}
