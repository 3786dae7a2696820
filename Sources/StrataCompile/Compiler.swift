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
    /// Compiles every cluster of the declarations. `elsewhere` names the machine files (machine → file) of clusters
    /// left out (a diff's clusters that are the same in both revisions): they count only in the check for machines
    /// in several clusters, in name order among the others. `parallel: false`
    /// compiles on the calling thread only (the fuzzer: its inputs are tiny, and handing them to worker threads costs
    /// more than the work).
    public static func compile(
        _ declarations: RepositoryDeclarations, elsewhere: [ClusterName: [MachineName: String]] = [:], parallel: Bool = true
    ) -> CompilationResult {
        var diagnostics = Diagnostics()
        var clusters: [CompiledCluster] = []
        // Clusters compile independently on every core; their findings are merged in cluster order, as before.
        let one = { @Sendable (declaration: ClusterDeclaration) in
            var own = Diagnostics()
            return (cluster: compile(declaration, diagnostics: &own), diagnostics: own)
        }
        let compiled = parallel ? declarations.clusters.parallelMap(one) : declarations.clusters.map(one)
        // Every cluster's machine files, the compiled ones and those compiled elsewhere, in cluster order.
        var members = compiled.map { (name: $0.cluster.name, file: $0.cluster.file, machines: $0.cluster.machines.mapValues(\.settings.file)) }
        members += elsewhere.map { (name: $0.key, file: "clusters/\($0.key)/cluster.yaml", machines: $0.value) }
        members.sort { $0.name < $1.name }
        var first: [MachineName: (cluster: ClusterName, file: String)] = [:]
        var findings: [ClusterName: Diagnostics] = [:]
        for cluster in members {
            for name in cluster.machines.keys.sorted() {
                let file = cluster.machines[name] ?? cluster.file
                guard let earlier = first[name] else {
                    first[name] = (cluster.name, file)
                    continue
                }
                findings[cluster.name, default: Diagnostics()].report(
                    .machineInSeveralClusters,
                    "machine '\(name)' is in cluster '\(cluster.name)' and in cluster '\(earlier.cluster)'; a machine belongs to one cluster",
                    at: .file(file), notes: [DiagnosticNote("also here", at: .file(earlier.file))],
                    help: "remove the machine from one of the clusters (strata remove-machine)")
            }
        }
        for (cluster, own) in compiled {
            diagnostics.append(contentsOf: own)
            diagnostics.append(contentsOf: findings.removeValue(forKey: cluster.name) ?? Diagnostics())
            clusters.append(cluster)
        }
        // Findings in clusters compiled elsewhere (a machine there that a compiled cluster earlier in order has too).
        for cluster in findings.keys.sorted() { diagnostics.append(contentsOf: findings[cluster] ?? Diagnostics()) }
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
