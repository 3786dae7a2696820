import StrataCatalogue
import StrataModel

/// The refusals of an edit that need only the compiled cluster (E601–E606), each at the file it concerns.
struct EditChecks {
    let cluster: CompiledCluster
    let edit: FeatureEdit
    let targets: [Mode]
    /// Where a mode's `settings:` is written (its file's first line when it has none).
    let place: (Mode) -> SourceLocation

    func run() -> Diagnostics {
        var diagnostics = Diagnostics()
        guard let definition = Catalogue.feature(edit.feature) else {
            diagnostics.report(
                .editUnknownFeature, "unknown feature '\(edit.feature)'\(Suggestion.clause(for: edit.feature, among: Catalogue.names))",
                at: .file(cluster.file), help: "the features are: " + Catalogue.names.joined(separator: ", "))
            return diagnostics
        }
        for mode in [edit.source] + targets where settings(of: mode) == nil {
            diagnostics.report(.editUnknownMode, "cluster \(cluster.name) has no \(mode.level.rawValue) '\(Self.name(of: mode))'", at: .file(cluster.file), help: help(for: mode))
        }
        guard !diagnostics.hasErrors, let source = settings(of: edit.source) else { return diagnostics }
        if source.features[edit.feature] == nil {
            diagnostics.report(
                .editNotConfigured, "\(edit.source) does not configure '\(edit.feature)'; there is nothing to \(edit.kind.rawValue)",
                at: place(edit.source), help: "`strata where \(edit.feature)` shows the modes that configure it")
        }
        for target in targets {
            guard let settings = settings(of: target) else { continue }
            if target == edit.source {
                diagnostics.report(.editSameMode, "'\(edit.feature)' cannot be \(edit.kind == .copy ? "copied" : "moved") onto its own mode (\(target))", at: place(target))
            } else if !definition.levels.contains(target.level) {
                diagnostics.report(
                    .editRestrictedTarget,
                    "'\(edit.feature)' cannot be configured in \(target.level.rawValue) mode (\(target)); it is allowed in \(definition.allowedModesText)",
                    at: place(target), help: "choose a target in \(definition.allowedModesText)")
            } else if let existing = settings.features[edit.feature], !edit.replace {
                diagnostics.report(
                    .editTargetConfigured, "\(target) already configures '\(edit.feature)'", at: existing.location,
                    help: "pass --replace to overwrite it, or `strata unset \(edit.feature) --from \(target)` first")
            }
        }
        return diagnostics
    }

    private func settings(of mode: Mode) -> ModeSettings? {
        switch mode {
        case .cluster: cluster.clusterSettings
        case .group(let name): cluster.groups[name]
        case .machine(let name): cluster.machines[name]?.settings
        }
    }

    private static func name(of mode: Mode) -> String {
        switch mode {
        case .cluster: "cluster"
        case .group(let name): name.rawValue
        case .machine(let name): name.rawValue
        }
    }

    private func help(for mode: Mode) -> String? {
        switch mode {
        case .cluster: nil
        case .group: "its groups are: " + cluster.groups.keys.sorted().map(\.rawValue).joined(separator: ", ")
        case .machine: "its machines are: " + cluster.machines.keys.sorted().map(\.rawValue).joined(separator: ", ")
        }
    }
}
