import StrataModel
import StrataYAML

/// The files of a parallel load, read in walking order and parsed afterwards on every core.
///
/// Filled by one thread during the walk (hence unchecked: it is never shared while it changes), then read
/// by the parsing workers, each of which writes only its own result slot.
final class PendingParses: @unchecked Sendable {
    private struct Job: Sendable {
        let path: String
        let bytes: [UInt8]
        /// How many findings the walk had reported when the file was read: its own findings go there.
        let position: Int
    }

    private var jobs: [Job] = []

    /// Queues a file; its placeholder is replaced by the parsed file in ``finish``.
    func add(_ bytes: [UInt8], path: String, position: Int) -> DeclaredFile {
        jobs.append(Job(path: path, bytes: bytes, position: position))
        return DeclaredFile(path: path, root: nil, parsed: false)
    }

    /// Parses every queued file, puts each file's findings where sequential loading reports them, and
    /// replaces the placeholders in `declarations`.
    func finish(
        _ declarations: RepositoryDeclarations, walked: Diagnostics, into diagnostics: inout Diagnostics, limits: YAMLLimits
    ) -> RepositoryDeclarations {
        let outcomes = parseAll(limits: limits)
        var next = 0
        for (index, diagnostic) in walked.all.enumerated() {
            while next < jobs.count && jobs[next].position == index {
                diagnostics.append(contentsOf: outcomes[next].diagnostics)
                next += 1
            }
            diagnostics.append(diagnostic)
        }
        for outcome in outcomes[next...] { diagnostics.append(contentsOf: outcome.diagnostics) }
        var parsed: [String: DeclaredFile] = [:]
        parsed.reserveCapacity(jobs.count)
        for outcome in outcomes { parsed[outcome.file.path] = outcome.file }
        let swap = { (file: DeclaredFile) in parsed[file.path] ?? file }
        var result = declarations
        for index in result.clusters.indices {
            result.clusters[index].file = result.clusters[index].file.map(swap)
            result.clusters[index].groups = result.clusters[index].groups.map { GroupDeclaration(name: $0.name, file: swap($0.file)) }
            result.clusters[index].machines = result.clusters[index].machines.map {
                MachineDeclaration(name: $0.name, file: swap($0.file))
            }
        }
        return result
    }

    private func parseAll(limits: YAMLLimits) -> [(file: DeclaredFile, diagnostics: Diagnostics)] {
        jobs.parallelMap { job in
            var diagnostics = Diagnostics()
            let root = YAMLParser.parse(job.bytes, file: job.path, limits: limits, diagnostics: &diagnostics)
            return (DeclaredFile(path: job.path, root: root, parsed: !diagnostics.hasErrors), diagnostics)
        }
    }
}
