public import StrataModel
public import StrataYAML

/// Finds the clusters, groups and machines of a repository and parses their files.
///
/// Reports naming and YAML problems as diagnostics; throws only when the source itself fails.
public struct RepositoryLoader: Sendable {
    /// Where files come from.
    public let source: any ConfigSource
    /// YAML bounds.
    public let limits: YAMLLimits
    /// Whether files are parsed on every core (the diagnostics and declarations are the same either way).
    public let parallel: Bool
    /// Files read but not yet parsed, while a parallel load walks the tree.
    private var pending: PendingParses?
    /// Clusters not read in this load.
    private var skipping: Set<ClusterName> = []

    /// Creates a loader.
    public init(source: any ConfigSource, limits: YAMLLimits = .standard, parallel: Bool = true) {
        self.source = source
        self.limits = limits
        self.parallel = parallel
    }

    /// Loads every cluster, or only `only` when given.
    ///
    /// In parallel, the tree is walked and every file read in order on this thread, the files are parsed on
    /// every core, and each file's findings are put back where sequential loading reports them.
    ///
    /// Clusters in `skipping` are left out without being read (`diff` takes them from the other revision, where
    /// their tree is the same).
    public func load(
        only: ClusterName? = nil, skipping: Set<ClusterName> = [], diagnostics: inout Diagnostics
    ) throws(SourceError) -> RepositoryDeclarations {
        var walker = self
        walker.skipping = skipping
        guard parallel else { return try walker.walk(only: only, diagnostics: &diagnostics) }
        let pending = PendingParses()
        walker.pending = pending
        var walked = Diagnostics()
        let declarations = try walker.walk(only: only, diagnostics: &walked)
        return pending.finish(declarations, walked: walked, into: &diagnostics, limits: limits)
    }

    private func walk(only: ClusterName?, diagnostics: inout Diagnostics) throws(SourceError) -> RepositoryDeclarations {
        if let link = (try? source.entries(in: ""))?.first(where: { $0.name == "clusters" }), case .linkOutside = link.kind {
            _ = checkEntry(link, path: "clusters", expectDirectory: true, diagnostics: &diagnostics)
            return RepositoryDeclarations(clusters: [])
        }
        guard let entries = try listing("clusters", diagnostics: &diagnostics) else {
            diagnostics.report(
                .noClusters, "no 'clusters/' directory in this repository", at: .file(source.displayPath("clusters")),
                help: "create clusters/<name>/cluster.yaml, or pass --repo with the repository's path")
            return RepositoryDeclarations(clusters: [])
        }
        var clusters: [ClusterDeclaration] = []
        for entry in entries where !entry.name.hasPrefix(".") {
            let path = "clusters/" + entry.name
            guard decodable(entry, path: path, diagnostics: &diagnostics) else { continue }
            guard checkEntry(entry, path: path, expectDirectory: true, diagnostics: &diagnostics) else { continue }
            guard NameRules.isValidClusterOrGroupName(entry.name) else {
                diagnostics.report(
                    .invalidName, "'\(entry.name)' is not a valid cluster name", at: .file(source.displayPath(path)),
                    help: "cluster names match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
                continue
            }
            if let only, only.rawValue != entry.name { continue }
            if skipping.contains(ClusterName(entry.name)) { continue }
            clusters.append(try loadCluster(ClusterName(entry.name), diagnostics: &diagnostics))
        }
        if clusters.isEmpty && skipping.isEmpty {
            if let only {
                diagnostics.report(.noClusters, "no cluster named '\(only)' in this repository", at: .file(source.displayPath("clusters")))
            } else {
                diagnostics.report(
                    .noClusters, "'clusters/' holds no cluster", at: .file(source.displayPath("clusters")),
                    help: "create clusters/<name>/cluster.yaml")
            }
        }
        return RepositoryDeclarations(clusters: clusters)
    }

    private func loadCluster(_ name: ClusterName, diagnostics: inout Diagnostics) throws(SourceError) -> ClusterDeclaration {
        let directory = "clusters/\(name)"
        var clusterFile: DeclaredFile?
        var clusterFileReported = false
        for entry in try listing(directory, diagnostics: &diagnostics) ?? [] {
            let path = directory + "/" + entry.name
            guard decodable(entry, path: path, diagnostics: &diagnostics) else { continue }
            switch entry.name {
            case "cluster.yaml":
                if checkEntry(entry, path: path, expectDirectory: false, diagnostics: &diagnostics) {
                    clusterFile = try parseFile(path, diagnostics: &diagnostics)
                } else {
                    clusterFileReported = true
                }
            case "groups", "machines":
                _ = checkEntry(entry, path: path, expectDirectory: true, diagnostics: &diagnostics)
            case "cluster.yml":
                diagnostics.report(
                    .wrongExtension, "'cluster.yml' is not read", at: .file(source.displayPath(path)),
                    help: "rename it to cluster.yaml")
            default:
                if !entry.name.hasPrefix(".") {
                    diagnostics.report(
                        .unexpectedFile, "'\(entry.name)' is not part of a cluster's configuration and is ignored",
                        at: .file(source.displayPath(path)),
                        help: "a cluster directory holds cluster.yaml, groups/ and machines/; keep notes elsewhere")
                }
            }
        }
        if clusterFile == nil && !clusterFileReported {
            diagnostics.report(
                .missingClusterFile, "cluster '\(name)' has no cluster.yaml", at: .file(source.displayPath(directory)),
                help: "create \(directory)/cluster.yaml (it may hold just `settings: {}`)")
        }
        let groups = try loadMembers(in: directory + "/groups", diagnostics: &diagnostics) { file in
            NameRules.isValidClusterOrGroupName(file) ? nil : "group names match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}"
        }
        let machines = try loadMembers(in: directory + "/machines", diagnostics: &diagnostics) { file in
            if NameRules.isValidMachineName(file) { return nil }
            if NameRules.isValidMachineName(file.lowercased()) {
                return "machine names are lowercase: rename the file to \(file.lowercased()).yaml"
            }
            return "a machine file is named after the machine: a lowercase DNS host name or an IP address"
        }
        return ClusterDeclaration(
            name: name, directory: directory, file: clusterFile,
            groups: groups.map { GroupDeclaration(name: GroupName($0.name), file: $0.file) },
            machines: machines.map { MachineDeclaration(name: MachineName($0.name), file: $0.file) })
    }

    /// Reads the `.yaml` files of a `groups/` or `machines/` directory; `nameProblem` says why a name is invalid.
    private func loadMembers(
        in directory: String, diagnostics: inout Diagnostics, nameProblem: (String) -> String?
    ) throws(SourceError) -> [(name: String, file: DeclaredFile)] {
        var members: [(name: String, file: DeclaredFile)] = []
        for entry in try listing(directory, diagnostics: &diagnostics) ?? [] {
            let path = directory + "/" + entry.name
            // Hidden entries are ignored, except names that can only be a mistake (`.yaml`, `..yaml`).
            if entry.name.hasPrefix(".") && entry.name != ".yaml" && entry.name != "..yaml" { continue }
            guard decodable(entry, path: path, diagnostics: &diagnostics) else { continue }
            if entry.name.hasSuffix(".yml") {
                diagnostics.report(
                    .wrongExtension, "'\(entry.name)' is not read: configuration files end in .yaml",
                    at: .file(source.displayPath(path)), help: "rename it to \(entry.name.dropLast(4)).yaml")
                continue
            }
            guard entry.name.hasSuffix(".yaml") else {
                diagnostics.report(
                    .unexpectedFile, "'\(entry.name)' is not a .yaml file and is ignored", at: .file(source.displayPath(path)),
                    help: "only <name>.yaml files are read here")
                continue
            }
            guard checkEntry(entry, path: path, expectDirectory: false, diagnostics: &diagnostics) else { continue }
            let name = String(entry.name.dropLast(5))
            if let problem = nameProblem(name) {
                diagnostics.report(
                    .invalidName, "'\(entry.name)' does not name a valid \(directory.hasSuffix("groups") ? "group" : "machine")",
                    at: .file(source.displayPath(path)), help: problem)
                continue
            }
            members.append((name, try parseFile(path, diagnostics: &diagnostics)))
        }
        return members
    }

    /// Reports an entry whose name is not UTF-8 (E018): it could be any cluster, group or machine, so the
    /// run must not pass without it. False for such an entry.
    private func decodable(_ entry: SourceEntry, path: String, diagnostics: inout Diagnostics) -> Bool {
        guard case .undecodableName = entry.kind else { return true }
        diagnostics.report(
            .undecodableName, "the name of '\(path)' is not valid UTF-8; it is not read",
            at: .file(source.displayPath(path)), help: "rename it with a UTF-8 name (cluster, group and machine names are ASCII)")
        return false
    }

    /// Reports entries that are links out of the repository or not of the expected kind: where a
    /// configuration file belongs, anything but a regular file is an error (E017), since the cluster,
    /// group or machine it stands for would silently drop out; elsewhere a warning (W014).
    private func checkEntry(_ entry: SourceEntry, path: String, expectDirectory: Bool, diagnostics: inout Diagnostics) -> Bool {
        switch entry.kind {
        case .linkOutside(let target):
            diagnostics.report(
                .outsideRepository, "'\(path)' is a symbolic link to '\(target)', outside clusters/; it is not read",
                at: .file(source.displayPath(path)), help: "keep every configuration file under clusters/")
            return false
        case .directory where expectDirectory, .file where !expectDirectory:
            return true
        case .undecodableName:
            return decodable(entry, path: path, diagnostics: &diagnostics)
        case .directory, .file, .other:
            if !expectDirectory {
                let what = if case .other(let what) = entry.kind { what } else { "a directory" }
                diagnostics.report(
                    .notRegularFile, "'\(path)' is \(what), not a regular file; it is not read",
                    at: .file(source.displayPath(path)),
                    help: "a configuration file must be a regular file (or a link to one inside the repository)")
                return false
            }
            if !entry.name.hasPrefix(".") {
                diagnostics.report(
                    .unexpectedFile, "'\(path)' is not a \(expectDirectory ? "directory" : "regular file") and is ignored",
                    at: .file(source.displayPath(path)), help: "remove it or move it out of clusters/")
            }
            return false
        }
    }

    /// Lists a directory; one that cannot be read is an E011 finding, not the end of the run.
    private func listing(_ directory: String, diagnostics: inout Diagnostics) throws(SourceError) -> [SourceEntry]? {
        do {
            return try source.entries(in: directory)
        } catch where error.code == .readFailed {
            diagnostics.report(
                .unreadableFile, "cannot read directory '\(directory)': \(error.cause ?? error.message)",
                at: .file(source.displayPath(directory)), help: "check its permissions")
            return nil
        }
    }

    /// Reads and parses one file.
    public func parseFile(_ path: String, diagnostics: inout Diagnostics) throws(SourceError) -> DeclaredFile {
        let shown = source.displayPath(path)
        let contents: FileContents
        do {
            contents = try source.read(path, limit: limits.maxFileBytes)
        } catch where error.code == .notAFile {
            // Replaced by something else since it was listed.
            diagnostics.report(
                .notRegularFile, "'\(path)' is not a regular file; it is not read", at: .file(shown),
                help: "a configuration file must be a regular file (or a link to one inside the repository)")
            return DeclaredFile(path: shown, root: nil, parsed: false)
        } catch where error.code == .readFailed {
            diagnostics.report(
                .unreadableFile, "cannot read '\(path)': \(error.cause ?? error.message)", at: .file(shown), help: "check its permissions")
            return DeclaredFile(path: shown, root: nil, parsed: false)
        }
        switch contents {
        case .tooLarge(let size):
            diagnostics.report(
                .fileTooLarge, "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes", at: .file(shown),
                help: "split the configuration or remove the oversized value")
            return DeclaredFile(path: shown, root: nil, parsed: false)
        case .bytes(let bytes):
            if let pending { return pending.add(bytes, path: shown, position: diagnostics.all.count) }
            let before = diagnostics.errorCount
            let root = YAMLParser.parse(bytes, file: shown, limits: limits, diagnostics: &diagnostics)
            return DeclaredFile(path: shown, root: root, parsed: diagnostics.errorCount == before)
        }
    }
}
