#if canImport(Glibc)
import Glibc
#endif
import StrataCompile
public import StrataLoad
public import StrataModel
import StrataCatalogue

/// Seed corpora made from the repository's examples, so each fuzzer starts from inputs that reach deep.
public enum FuzzSeeds {
    /// The seeds for `target`, made from the example repositories under `examples` (a directory holding
    /// repositories, each with a `clusters/` tree), by name.
    public static func make(_ target: FuzzTarget, examples: String) throws(SourceError) -> [(name: String, bytes: [UInt8])] {
        let repositories = try repositories(under: examples)
        switch target {
        case .yaml:
            return try repositories.map { (name, root) throws(SourceError) in (name, FuzzArchive.pack(try files(of: root))) }
        case .request, .answer:
            var seeds: [(name: String, bytes: [UInt8])] = []
            for (name, root) in repositories {
                for configuration in try compile(root) {
                    let stem = "\(name)-\(configuration.machine)"
                    seeds += target == .request ? requests(configuration, stem: stem) : answers(configuration, stem: stem)
                }
            }
            return seeds
        }
    }

    private static func requests(_ configuration: EffectiveConfiguration, stem: String) -> [(name: String, bytes: [UInt8])] {
        let json = CanonicalDecoder.json(configuration)
        let apply = ApplyRequest(
            machine: configuration.machine.description, expectedGeneration: 3, configuration: json, secrets: ["env:SEED_SECRET": "seed-value"],
            commit: "0123456789abcdef0123456789abcdef01234567", appliedBy: "fuzz@example.com")
        let rollback = RollbackRequest(machine: configuration.machine.description, expectedGeneration: 4, toGeneration: 2, appliedBy: nil)
        return [("\(stem)-apply", bytes(apply.json)), ("\(stem)-rollback", bytes(rollback.json))]
    }

    private static func answers(_ configuration: EffectiveConfiguration, stem: String) -> [(name: String, bytes: [UInt8])] {
        let summary = GenerationSummary(
            generation: 2, configHash: String(repeating: "ab", count: 32), appliedCommit: "0123456789abcdef0123456789abcdef01234567",
            appliedAt: "2026-12-01T12:00:00Z", appliedBy: "ci@example.com", restoredFrom: 1)
        let state = AgentState(
            machine: configuration.machine.description, version: "15.5.1", generation: 2, current: summary,
            configuration: CanonicalDecoder.json(configuration), secretDigests: ["{env:SEED}": String(repeating: "cd", count: 32)],
            history: [summary])
        let failure = AgentErrorBody(
            code: .healthFailed, message: "the health command exited 1", outputTail: "line 1\nline 2", diagnostics: .array([]),
            state: state)
        return [("\(stem)-state", bytes(state.json)), ("\(stem)-error", bytes(failure.json))]
    }

    private static func bytes(_ json: JSON) -> [UInt8] { Array(json.rendered(pretty: false).utf8) }

    private static func compile(_ root: String) throws(SourceError) -> [EffectiveConfiguration] {
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: try WorkingTreeSource(root: root)).load(diagnostics: &diagnostics)
        return Compiler.compile(declarations).clusters.flatMap(\.effective)
    }

    private static func repositories(under examples: String) throws(SourceError) -> [(String, String)] {
        var found: [(String, String)] = []
        var pending = [(name: "", path: examples)]
        while let next = pending.popLast() {
            let source = try WorkingTreeSource(root: next.path)
            guard let entries = try source.entries(in: "") else { continue }
            if entries.contains(where: { $0.name == "clusters" && $0.kind == .directory }) {
                found.append((next.name.isEmpty ? "root" : next.name, next.path))
            }
            for entry in entries where entry.kind == .directory && entry.name != "clusters" && !entry.name.hasPrefix(".") {
                pending.append((next.name.isEmpty ? entry.name : "\(next.name)-\(entry.name)", "\(next.path)/\(entry.name)"))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    private static func files(of root: String) throws(SourceError) -> [(path: String, contents: [UInt8])] {
        let source = try WorkingTreeSource(root: root)
        var files: [(path: String, contents: [UInt8])] = []
        var pending = ["clusters"]
        while let directory = pending.popLast() {
            for entry in try source.entries(in: directory) ?? [] {
                let path = "\(directory)/\(entry.name)"
                if entry.kind == .directory { pending.append(path); continue }
                if entry.kind == .file, case .bytes(let contents) = try source.read(path, limit: 1 << 20) {
                    files.append((path, contents))
                }
            }
        }
        return files
    }
}
