import StrataModel
import StrataLoad
import StrataCompile

/// A loaded and compiled repository, with a way to read source lines for snippets.
struct Workspace {
    let source: any ConfigSource
    let result: CompilationResult
    let root: String

    /// Loads and compiles the repository the global options point at.
    static func load(_ options: GlobalOptions) throws -> Workspace {
        let source: WorkingTreeSource
        do {
            source = try WorkingTreeSource(root: options.repo)
        } catch {
            throw CommandFailure(error.description, help: "pass --repo with the path of the configuration repository")
        }
        if let name = options.cluster, !NameRules.isValidClusterOrGroupName(name) {
            throw CommandFailure("'\(name)' is not a valid cluster name")
        }
        var diagnostics = Diagnostics()
        let declarations: RepositoryDeclarations
        do {
            declarations = try RepositoryLoader(source: source).load(only: options.cluster.map(ClusterName.init), diagnostics: &diagnostics)
        } catch {
            throw CommandFailure(error.description)
        }
        var result = Compiler.compile(declarations)
        var all = diagnostics
        all.append(contentsOf: result.diagnostics)
        result.diagnostics = all
        return Workspace(source: source, result: result, root: options.repo)
    }

    /// The source text of a file shown in diagnostics, for snippets.
    func lines(of file: String) -> [Substring]? {
        guard case .bytes(let bytes)? = try? source.read(file, limit: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Diagnostics that concern one cluster (its directory), or all when nil.
    func diagnostics(for cluster: ClusterName?) -> [Diagnostic] {
        guard let cluster else { return result.diagnostics.sorted }
        let prefix = "clusters/\(cluster)/"
        return result.diagnostics.sorted.filter { $0.location.file.hasPrefix(prefix) || $0.location.file == "clusters/\(cluster)" }
    }

    /// Finds a machine across clusters; refuses an unknown or ambiguous name.
    func machine(_ name: String) throws -> (CompiledCluster, MachineName) {
        let matches = result.clusters.filter { $0.machines[MachineName(name)] != nil }
        if matches.count > 1 {
            throw CommandFailure(
                "machine '\(name)' is in several clusters: \(matches.map(\.name.rawValue).joined(separator: ", "))",
                help: "pass --cluster NAME")
        }
        guard let cluster = matches.first else {
            let known = result.clusters.flatMap { $0.machines.keys.map(\.rawValue) }
            let suggestion = Suggestion.closest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? ""
            throw CommandFailure("no machine named '\(name)'\(suggestion)")
        }
        return (cluster, MachineName(name))
    }
}
