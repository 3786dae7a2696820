public import StrataModel
public import StrataLoad
import StrataCatalogue
import StrataYAML

/// The clusters of a repository after checking, with every diagnostic of the run.
public struct CompilationResult: Sendable {
    /// Clusters in name order (also those with errors, as far as they could be read).
    public var clusters: [CompiledCluster]
    /// Every finding.
    public var diagnostics: Diagnostics
}

/// Checks a repository's declarations and flattens every machine's configuration.
public enum Compiler {
    /// Compiles every cluster of the declarations; `reusing` adds clusters compiled before from identical files
    /// (their findings are not repeated), in name order among the others, checked against them for machines
    /// in several clusters. `parallel: false` compiles on the calling thread only (the fuzzer: its inputs are
    /// tiny, and handing them to worker threads costs more than the work).
    public static func compile(
        _ declarations: RepositoryDeclarations, reusing: [CompiledCluster] = [], parallel: Bool = true
    ) -> CompilationResult {
        var diagnostics = Diagnostics()
        var clusters: [CompiledCluster] = []
        var firstCluster: [MachineName: CompiledCluster] = [:]
        // Clusters compile independently on every core; their findings are merged in cluster order, as before.
        let one = { @Sendable (declaration: ClusterDeclaration) in
            var own = Diagnostics()
            return (cluster: compile(declaration, diagnostics: &own), diagnostics: own)
        }
        var compiled = parallel ? declarations.clusters.parallelMap(one) : declarations.clusters.map(one)
        if !reusing.isEmpty {
            compiled += reusing.map { (cluster: $0, diagnostics: Diagnostics()) }
            compiled.sort { $0.cluster.name < $1.cluster.name }
        }
        for (cluster, own) in compiled {
            diagnostics.append(contentsOf: own)
            for name in cluster.machines.keys.sorted() {
                guard let earlier = firstCluster[name] else {
                    firstCluster[name] = cluster
                    continue
                }
                diagnostics.report(
                    .machineInSeveralClusters,
                    "machine '\(name)' is in cluster '\(cluster.name)' and in cluster '\(earlier.name)'; a machine belongs to one cluster",
                    at: .file(cluster.machines[name]?.settings.file ?? cluster.file),
                    notes: [DiagnosticNote("also here", at: .file(earlier.machines[name]?.settings.file ?? earlier.file))],
                    help: "remove the machine from one of the clusters (strata remove-machine)")
            }
            clusters.append(cluster)
        }
        return CompilationResult(clusters: clusters, diagnostics: diagnostics)
    }

    /// Compiles one cluster.
    public static func compile(_ declaration: ClusterDeclaration, diagnostics: inout Diagnostics) -> CompiledCluster {
        let clusterPath = declaration.file?.path ?? declaration.directory + "/cluster.yaml"
        var invalid = InvalidFeatures()

        // cluster.yaml
        var reader = ModeFileReader(
            file: declaration.file ?? DeclaredFile(path: clusterPath, root: nil, parsed: false),
            allowedKeys: FileSchemas.clusterKeys)
        let requirements = reader.record("requires", schema: FileSchemas.requires).map(Self.requirements) ?? ClusterRequirements()
        let agents = reader.record("agents", schema: FileSchemas.agents).map(Self.agentSettings)
        let clusterSettings = reader.settings(mode: .cluster) { feature in
            MoveHint.text(for: feature, cluster: declaration)
        }
        invalid.record(reader.invalidFeatures, for: .cluster)
        if declaration.file?.parsed != true { invalid.recordEverything(for: .cluster) }
        diagnostics.append(contentsOf: reader.decoder.diagnostics)

        // groups
        var groups: [GroupName: ModeSettings] = [:]
        for group in declaration.groups {
            var reader = ModeFileReader(file: group.file, allowedKeys: FileSchemas.groupKeys)
            groups[group.name] = reader.settings(mode: .group(group.name)) { feature in
                MoveHint.text(for: feature, cluster: declaration)
            }
            invalid.record(reader.invalidFeatures, for: .group(group.name))
            if !group.file.parsed { invalid.recordEverything(for: .group(group.name)) }
            diagnostics.append(contentsOf: reader.decoder.diagnostics)
            if group.name.rawValue == declaration.name.rawValue {
                diagnostics.report(
                    .groupNamedAsCluster, "group '\(group.name)' has the same name as its cluster", at: .file(group.file.path),
                    help: "give the group a name of its own, e.g. \(group.name)_main, so modes are never ambiguous")
            }
        }
        if declaration.groups.isEmpty && declaration.file != nil {
            diagnostics.report(
                .clusterWithoutGroups, "cluster '\(declaration.name)' has no group; every cluster needs at least one",
                at: .file(clusterPath), help: "create \(declaration.directory)/groups/Main_Group.yaml with `settings: {}`")
        }

        // machines
        var machines: [MachineName: MachineSpec] = [:]
        for machine in declaration.machines {
            machines[machine.name] = readMachine(machine, groups: groups, cluster: declaration, invalid: &invalid, diagnostics: &diagnostics)
        }

        var compiled = CompiledCluster(
            name: declaration.name, file: clusterPath, requirements: requirements, agents: agents,
            clusterSettings: clusterSettings, groups: groups, machines: machines, effective: [])
        compiled.effective = FailoverPeers.resolve(machines.keys.sorted().compactMap { name in
            guard let spec = machines[name], let group = spec.group, groups[group] != nil else { return nil }
            return Flattener.flatten(machine: spec, group: group, cluster: compiled)
        })
        let context = CheckContext(cluster: compiled, invalid: invalid)
        for check in Checks.all {
            check.run(context, diagnostics: &diagnostics)
        }
        return compiled
    }

    private static func readMachine(
        _ machine: MachineDeclaration, groups: [GroupName: ModeSettings], cluster: ClusterDeclaration,
        invalid: inout InvalidFeatures, diagnostics: inout Diagnostics
    ) -> MachineSpec {
        var reader = ModeFileReader(file: machine.file, allowedKeys: FileSchemas.machineKeys)
        let groupValue = reader.string("group", format: .identifier)
        let serial = reader.string("serial", format: .identifier)
        let agent = reader.string("agent", format: .text)
        let settings = reader.settings(mode: .machine(machine.name)) { feature in
            MoveHint.text(for: feature, cluster: cluster)
        }
        invalid.record(reader.invalidFeatures, for: .machine(machine.name))
        diagnostics.append(contentsOf: reader.decoder.diagnostics)
        if let url = agent?.stringValue, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            diagnostics.report(
                .invalidValue, "'agent' is '\(url)', not an http:// or https:// URL", at: agent?.location ?? .file(machine.file.path),
                help: "write it as https://\(machine.name):7443")
        }
        var group: GroupName?
        if let name = groupValue?.stringValue {
            if groups[GroupName(name)] != nil {
                group = GroupName(name)
            } else {
                let known = groups.keys.map(\.rawValue).sorted()
                diagnostics.report(
                    .unknownGroup,
                    "machine '\(machine.name)' is in group '\(name)', which has no file\(Suggestion.clause(for: name, among: known))",
                    at: groupValue?.location ?? .file(machine.file.path),
                    help: known.isEmpty
                        ? "create \(cluster.directory)/groups/\(name).yaml"
                        : "create \(cluster.directory)/groups/\(name).yaml, or use one of: \(known.joined(separator: ", "))")
            }
        } else if reader.entries["group"] == nil && machine.file.parsed {
            diagnostics.report(
                .machineWithoutGroup, "machine '\(machine.name)' has no group", at: .file(machine.file.path),
                help: groups.isEmpty
                    ? "add `group: <name>` naming a file in \(cluster.directory)/groups/"
                    : "add `group: <name>` with one of: \(groups.keys.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        return MachineSpec(
            name: machine.name, group: group, groupLocation: groupValue?.location, serial: serial?.stringValue,
            serialLocation: serial?.location, agent: agent?.stringValue, settings: settings)
    }

    private static func requirements(_ value: Value) -> ClusterRequirements {
        ClusterRequirements(
            version: value[field: "version"]?.stringValue,
            addressing: value[field: "addressing"]?.stringValue.flatMap(Addressing.init(rawValue:)),
            maxMachines: value[field: "max_machines"]?.integerValue ?? 20)
    }

    private static func agentSettings(_ value: Value) -> AgentSettings {
        var token: SecretReference?
        if case .secret(let reference)? = value[field: "token"]?.kind { token = reference }
        return AgentSettings(
            port: value[field: "port"]?.integerValue ?? 7443,
            tls: value[field: "tls"]?.stringValue.flatMap(AgentTLS.init(rawValue:)) ?? .enforce,
            token: token, caFile: value[field: "ca_file"]?.stringValue)
    }
}
