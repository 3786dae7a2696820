import StrataCatalogue
import StrataCompile
public import StrataLoad
public import StrataModel
import StrataYAML

/// Brings a standalone machine (an `export`) into the repository: `init --from` makes a new cluster of
/// it (every setting kept, each in the widest mode that allows it); `join` adds it to a cluster, keeping
/// only its machine-only settings. The result is compiled in memory; nothing is written here.
public struct MachineImporter: Sendable {
    /// The working tree.
    public let source: any ConfigSource

    /// Creates an importer reading `source`.
    public init(source: any ConfigSource) {
        self.source = source
    }

    /// `init --from`: cluster `cluster` with group `group` and the machine, from the standalone file's bytes.
    public func createCluster(standalone bytes: [UInt8], path: String, cluster: ClusterName, group: GroupName) -> MachineImport {
        let standalone = Standalone(bytes: bytes, path: path)
        var result = MachineImport(
            machine: standalone.machine ?? MachineName("unknown"), cluster: cluster, group: group, files: [], kept: [], discarded: [],
            diagnostics: standalone.diagnostics, before: nil, after: nil)
        let directory = "clusters/\(cluster)"
        if (try? source.entries(in: directory)) != nil {
            result.diagnostics.report(
                .editClusterExists, "cluster '\(cluster)' exists already (\(directory))", at: .file(directory),
                help: "choose another name, or add the machine with `strata join`")
        }
        guard !result.refused, let machine = standalone.machine else { return result }
        let levels = standalone.settings.map { ($0, Catalogue.feature($0.0)?.levels ?? [.machine]) }
        let atCluster = levels.filter { $0.1.contains(.cluster) }.map(\.0)
        let atGroup = levels.filter { !$0.1.contains(.cluster) && $0.1.contains(.group) }.map(\.0)
        let atMachine = levels.filter { !$0.1.contains(.cluster) && !$0.1.contains(.group) }.map(\.0)
        result.kept = standalone.settings.map(\.0)
        result.files = [
            Self.file("\(directory)/cluster.yaml", header: "# Cluster \(cluster), created by strata init from \(path) (machine \(machine)).\n", top: [], settings: atCluster),
            Self.file("\(directory)/groups/\(group).yaml", header: "", top: [], settings: atGroup),
            Self.machineFile(directory, machine: machine, group: group, serial: standalone.serial, settings: atMachine),
        ]
        return finish(result, standalone: standalone)
    }

    /// `join`: adds the standalone machine to `cluster`'s `group`, keeping only its machine-only settings.
    public func join(standalone bytes: [UInt8], path: String, cluster: CompiledCluster, group: GroupName) -> MachineImport {
        let standalone = Standalone(bytes: bytes, path: path)
        var result = MachineImport(
            machine: standalone.machine ?? MachineName("unknown"), cluster: cluster.name, group: group, files: [], kept: [], discarded: [],
            diagnostics: standalone.diagnostics, before: nil, after: nil)
        guard !result.refused, let machine = standalone.machine else { return result }
        if cluster.groups[group] == nil {
            result.diagnostics.report(
                .editUnknownMode, "cluster \(cluster.name) has no group '\(group)'", at: .file(cluster.file),
                help: "its groups are: " + cluster.groups.keys.sorted().map(\.rawValue).joined(separator: ", "))
        }
        if let existing = cluster.machines[machine] {
            result.diagnostics.report(
                .editMachineExists, "cluster \(cluster.name) has machine '\(machine)' already", at: .file(existing.settings.file),
                help: "remove it first (strata remove-machine), or join under another name")
        }
        guard !result.refused else { return result }
        let machineOnly = standalone.settings.filter { Catalogue.feature($0.0)?.levels == [.machine] }
        result.kept = machineOnly.map(\.0)
        result.discarded = standalone.settings.map(\.0).filter { !result.kept.contains($0) }
        let directory = "clusters/\(cluster.name)"
        result.files = [Self.machineFile(directory, machine: machine, group: group, serial: standalone.serial, settings: machineOnly)]
        return finish(result, standalone: standalone)
    }

    /// Compiles the cluster with the new files; errors refuse the import.
    private func finish(_ result: MachineImport, standalone: Standalone) -> MachineImport {
        var result = result
        let overlay = OverlaySource(base: source, files: Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.after) }))
        var diagnostics = Diagnostics()
        do {
            // Every cluster is loaded, so a machine that another cluster still has is refused (E412).
            let declarations = try RepositoryLoader(source: overlay).load(diagnostics: &diagnostics)
            let compiled = Compiler.compile(declarations)
            diagnostics.append(contentsOf: compiled.diagnostics)
            result.after = compiled.clusters.first { $0.name == result.cluster }?.effective(for: result.machine)
        } catch {
            diagnostics.report(.unreadableFile, error.description, at: .file("clusters/\(result.cluster)"))
        }
        let directory = "clusters/\(result.cluster)/"
        for diagnostic in diagnostics.all where diagnostic.severity == .error {
            let ours = diagnostic.location.file.hasPrefix(directory) || diagnostic.location.file == "clusters"
            let elsewhere = diagnostic.code == .machineInSeveralClusters && diagnostic.message.contains("'\(result.machine)'")
            if ours || elsewhere { result.diagnostics.append(diagnostic) }
        }
        result.before = standalone.effective.map {
            EffectiveConfiguration(cluster: result.cluster, group: result.group, machine: $0.machine, features: $0.features)
        }
        return result
    }

    private static func machineFile(
        _ directory: String, machine: MachineName, group: GroupName, serial: String?, settings: [(String, YAMLNode)]
    ) -> EditedFile {
        var top: [(String, YAMLOutput)] = [("group", .string(group.rawValue))]
        if let serial { top.append(("serial", .string(serial))) }
        return file("\(directory)/machines/\(machine).yaml", header: "", top: top, settings: settings)
    }

    private static func file(_ path: String, header: String, top: [(String, YAMLOutput)], settings: [(String, YAMLNode)]) -> EditedFile {
        let entries = settings.map { ($0.0, YAMLOutput(node: $0.1)) }
        let text = header + (YAMLWriter.emit(.mapping(top + [("settings", .mapping(entries))])) ?? "")
        return EditedFile(path: path, before: [], after: Array(text.utf8))
    }
}
