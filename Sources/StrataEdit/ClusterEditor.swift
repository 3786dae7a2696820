import StrataCompile
public import StrataLoad
public import StrataModel
import StrataYAML

/// Computes an edit of one cluster's files: checks it, splices the YAML, and compiles the edited
/// repository in memory. Writes nothing (``EditWriter`` does, once the outcome is not refused).
public struct ClusterEditor: Sendable {
    /// The working tree the files are read from.
    public let source: any ConfigSource
    /// The cluster as compiled from `source` (without errors).
    public let cluster: CompiledCluster

    /// Creates an editor of `cluster`, read from `source`.
    public init(source: any ConfigSource, cluster: CompiledCluster) {
        self.source = source
        self.cluster = cluster
    }

    /// The outcome of `edit`; refused (with diagnostics) when any check fails or the result does not compile.
    public func apply(_ edit: FeatureEdit) -> EditOutcome {
        var outcome = EditOutcome(
            edit: edit, targets: resolve(edit.targets), files: [], diagnostics: Diagnostics(), before: cluster.effective,
            after: cluster.effective)
        let checks = EditChecks(cluster: cluster, edit: edit, targets: outcome.targets, place: place)
        outcome.diagnostics = checks.run()
        guard !outcome.refused else { return outcome }
        do {
            outcome.files = try splice(edit, targets: outcome.targets)
        } catch {
            outcome.diagnostics.report(.editLayout, error.message, at: .file(error.file ?? file(of: edit.source)))
            return outcome
        }
        let compiled = compileEdited(outcome.files)
        let errors = compiled.diagnostics.all.filter { $0.severity == .error }
        guard errors.isEmpty, let after = compiled.cluster else {
            for error in errors { outcome.diagnostics.append(error) }
            if errors.isEmpty { outcome.diagnostics.report(.editLayout, "the edited cluster did not compile", at: .file(cluster.file)) }
            return outcome
        }
        outcome.after = after.effective
        outcome.diagnostics.append(contentsOf: EditWarnings(edit: edit, targets: outcome.targets, before: cluster, after: after).run())
        return outcome
    }

    /// `all-groups` as the cluster's groups, in name order; duplicates dropped.
    private func resolve(_ targets: [ModeArgument]) -> [Mode] {
        var modes: [Mode] = []
        for target in targets {
            let expanded: [Mode] =
                switch target {
                case .mode(let mode): [mode]
                case .allGroups: cluster.groups.keys.sorted().map(Mode.group)
                }
            for mode in expanded where !modes.contains(mode) { modes.append(mode) }
        }
        return modes
    }

    /// The file a mode's settings are in.
    func file(of mode: Mode) -> String {
        switch mode {
        case .cluster: cluster.file
        case .group(let name): cluster.groups[name]?.file ?? cluster.file
        case .machine(let name): cluster.machines[name]?.settings.file ?? cluster.file
        }
    }

    /// Where a mode's `settings:` key is, for diagnostics.
    private func place(_ mode: Mode) -> SourceLocation {
        let path = file(of: mode)
        guard let document = try? document(mode), let key = document.settings?.key else { return .file(path) }
        return key.mark.location(in: path)
    }

    private func document(_ mode: Mode) throws(EditProblem) -> SettingsDocument {
        let path = file(of: mode)
        guard case .bytes(let bytes)? = try? source.read(path, limit: YAMLLimits.standard.maxFileBytes),
            let document = SettingsDocument(path: path, bytes: bytes)
        else { throw EditProblem("cannot read \(path) as a YAML mapping", file: path) }
        return document
    }

    /// The new bytes of every file the edit touches.
    private func splice(_ edit: FeatureEdit, targets: [Mode]) throws(EditProblem) -> [EditedFile] {
        let source = try document(edit.source)
        var files: [EditedFile] = []
        if edit.kind != .unset {
            guard let entry = source.entry(edit.feature) else { throw EditProblem("\(source.path) does not configure '\(edit.feature)'", file: source.path) }
            let value = YAMLOutput(node: entry.value)
            for target in targets {
                let document = try document(target)
                files.append(EditedFile(path: document.path, before: document.bytes, after: try document.setting(edit.feature, to: value)))
            }
        }
        if edit.kind != .copy {
            files.append(EditedFile(path: source.path, before: source.bytes, after: try source.removing(edit.feature)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The cluster compiled from the working tree with the edited files in place of the originals.
    private func compileEdited(_ files: [EditedFile]) -> (cluster: CompiledCluster?, diagnostics: Diagnostics) {
        let overlay = OverlaySource(base: source, files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.after) }))
        var diagnostics = Diagnostics()
        do {
            let declarations = try RepositoryLoader(source: overlay).load(only: cluster.name, diagnostics: &diagnostics)
            let result = Compiler.compile(declarations)
            diagnostics.append(contentsOf: result.diagnostics)
            return (result.clusters.first { $0.name == cluster.name }, diagnostics)
        } catch {
            diagnostics.report(.unreadableFile, error.description, at: .file(cluster.file))
            return (nil, diagnostics)
        }
    }
}
