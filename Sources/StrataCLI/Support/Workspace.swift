import StrataModel
import StrataLoad
import StrataCompile
import StrataGit
import StrataYAML
import StrataCatalogue

/// A loaded and compiled repository (working tree or one git revision), with a way to read source lines for snippets.
struct Workspace {
    let source: any ConfigSource
    let result: CompilationResult
    let location: RepositoryLocation
    /// The revision as written and the commit it resolved to, for a git revision.
    let revision: (name: String, commit: GitCommit)?

    /// Loads and compiles the working tree, or `revision` when given.
    static func load(_ options: GlobalOptions, revision: String? = nil) throws -> Workspace {
        let location = try RepositoryLocation.locate(options.repo)
        return try load(location, revision: revision, cluster: options.cluster)
    }

    /// Loads and compiles one side of a located repository.
    static func load(_ location: RepositoryLocation, revision: String?, cluster: String?) throws -> Workspace {
        if let cluster, !NameRules.isValidClusterOrGroupName(cluster) {
            throw CommandFailure("'\(cluster)' is not a valid cluster name")
        }
        let source: any ConfigSource
        var resolved: (name: String, commit: GitCommit)?
        do {
            if let revision {
                let git = try location.requireGit(for: "--rev")
                let gitSource = try GitRevisionSource(
                    repository: git, revision: revision, prefix: location.prefix, maxBlobBytes: YAMLLimits.standard.maxFileBytes)
                source = gitSource
                resolved = (revision, gitSource.commit)
            } else {
                guard let root = location.root else {
                    throw CommandFailure("'\(location.git?.gitDirectory ?? "")' is a bare repository with no working tree", help: "pass --rev REV (for example --rev HEAD)")
                }
                source = try WorkingTreeSource(root: root)
            }
        } catch let error as SourceError {
            // libgit2's own wording adds nothing to a clear message such as "unknown revision 'mian'".
            throw CommandFailure(error.code == .git(.libgit2) ? error.description : error.message)
        }
        return try load(source, location: location, revision: resolved, cluster: cluster)
    }

    /// Loads and compiles a source; the clusters in `skipping` are not read, and count only by the machine files
    /// named in `elsewhere` (a diff's clusters that are the same in both revisions).
    static func load(
        _ source: any ConfigSource, location: RepositoryLocation, revision resolved: (name: String, commit: GitCommit)?,
        cluster: String?, skipping: Set<ClusterName> = [], elsewhere: [ClusterName: [MachineName: String]] = [:]
    ) throws -> Workspace {
        var diagnostics = Diagnostics()
        let declarations: RepositoryDeclarations
        do {
            declarations = try RepositoryLoader(source: source)
                .load(only: cluster.map(ClusterName.init), skipping: skipping, diagnostics: &diagnostics)
        } catch {
            throw CommandFailure(error.description)
        }
        var result = Compiler.compile(declarations, elsewhere: elsewhere)
        diagnostics.append(contentsOf: result.diagnostics)
        result.diagnostics = diagnostics
        // The compiled fleet is never taken apart value by value in a one-shot command. The parsed files are freed
        // here: `show` reuses that memory for the rendered values it shares between machines.
        ProcessLifetime.keepUntilExit(result)
        return Workspace(source: source, result: result, location: location, revision: resolved)
    }

    /// `HEAD~1 (3f2c1ab)` for a revision, `working tree` otherwise.
    var label: String {
        guard let revision else { return "working tree" }
        return revision.name == revision.commit.shortId ? revision.name : "\(revision.name) (\(revision.commit.shortId))"
    }

    /// The commit a cluster's files come from, for export headers: the revision's, or HEAD's when the
    /// working tree's files of that cluster are unchanged (said otherwise when they are not).
    func sourceCommit(of cluster: ClusterName) -> String? {
        if let revision { return revision.commit.id }
        guard let git = location.git, let head = try? git.headCommit() else { return nil }
        let directory = GitRevisionSource.join(location.prefix, "clusters/\(cluster)")
        let dirty = (try? git.status(under: directory))?.isEmpty == false
        return dirty ? "\(head.id) plus uncommitted changes" : head.id
    }

    /// The source text of a file shown in diagnostics, for snippets.
    func lines(of file: String) -> [Substring]? {
        guard file.hasSuffix(".yaml"), case .bytes(let bytes)? = try? source.read(file, limit: 1 << 20) else { return nil }
        return DiagnosticView.lines(of: bytes)
    }

    /// A diagnostics view of this workspace, naming the revision when there is one.
    func view(_ diagnostics: [Diagnostic]) -> DiagnosticView {
        DiagnosticView(diagnostics: diagnostics, lines: lines, revision: revision.map { $0.name })
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
            throw CommandFailure("no machine named '\(name)' in the \(label)\(suggestion)")
        }
        return (cluster, MachineName(name))
    }

    /// Errors of the run that concern these clusters (or no cluster in particular).
    func errors(in clusters: [ClusterName]) -> [Diagnostic] {
        result.diagnostics.sorted.filter { diagnostic in
            let file = diagnostic.location.file
            guard diagnostic.severity == .error else { return false }
            guard file.hasPrefix("clusters/") && file != "clusters" else { return true }
            return clusters.contains { file.hasPrefix("clusters/\($0)/") || file == "clusters/\($0)" }
        }
    }

    /// Prints the errors of these clusters to stderr and fails, so nothing is shown from an invalid configuration.
    func refuseErrors(in clusters: [ClusterName], console: Console) throws {
        let errors = errors(in: clusters)
        guard !errors.isEmpty else { return }
        console.err(view(errors).text(style: Style(enabled: console.colorStderr)))
        throw CommandFailure(
            "the configuration (\(label)) has \(errors.count) error\(errors.count == 1 ? "" : "s")",
            help: "fix them (see `strata validate`) before showing or exporting")
    }

    /// A machine's effective configuration, for commands that print or write it (export, render): the
    /// machine must exist once and its cluster must have no errors, which are printed first.
    func effectiveConfiguration(of name: String, console: Console) throws -> (CompiledCluster, EffectiveConfiguration) {
        let (cluster, machine) = try self.machine(name)
        try refuseErrors(in: [cluster.name], console: console)
        guard let effective = cluster.effective(for: machine) else {
            throw CommandFailure("machine '\(machine)' has no effective configuration")
        }
        return (cluster, effective)
    }
}
