import StrataModel

/// The warnings of an edit that compiles: machines it does not reach (W609), and machines a move or
/// unset leaves with an empty table that has no factory default (W608).
struct EditWarnings {
    let edit: FeatureEdit
    let targets: [Mode]
    let before: CompiledCluster
    let after: CompiledCluster

    /// Tables with no factory default: once no mode configures them a machine has none (DECISIONS).
    static let tablesWithoutDefault: Set<String> = ["listeners", "smtp_routes", "ldap", "text_resources", "destination_controls"]

    func run() -> Diagnostics {
        var diagnostics = Diagnostics()
        for target in targets {
            let hidden = after.effective.filter { reaches(target, $0) && isNarrower(provenance(of: $0), than: target) }
            guard !hidden.isEmpty else { continue }
            let names = hidden.map { "\($0.machine) (\(provenance(of: $0)))" }.joined(separator: ", ")
            diagnostics.report(
                .editOverriddenBelow, "\(Self.count(hidden.count)) override\(hidden.count == 1 ? "s" : "") '\(edit.feature)' below \(target) and will not see this change: \(names)",
                at: .file(file(of: target)), help: "`strata unset \(edit.feature) --from MODE` lets a mode inherit again")
        }
        guard edit.kind != .copy, Self.tablesWithoutDefault.contains(edit.feature) else { return diagnostics }
        let emptied = after.effective.filter { machine in
            guard case .defaultValue? = machine[feature: edit.feature]?.provenance else { return false }
            guard case .configured? = before.effective(for: machine.machine)?[feature: edit.feature]?.provenance else { return false }
            return true
        }
        if !emptied.isEmpty {
            diagnostics.report(
                .editEmptiedTable,
                "'\(edit.feature)' has no factory default: \(Self.count(emptied.count)) will have none: \(emptied.map(\.machine.rawValue).joined(separator: ", "))",
                at: .file(file(of: edit.source)), help: "copy down, don't move: `strata copy \(edit.feature) --from \(edit.source) --to all-groups`, then unset it")
        }
        return diagnostics
    }

    private static func count(_ machines: Int) -> String { machines == 1 ? "1 machine" : "\(machines) machines" }

    private func provenance(of machine: EffectiveConfiguration) -> Provenance { machine[feature: edit.feature]?.provenance ?? .defaultValue }

    /// Whether `target`'s setting applies to the machine when nothing narrower overrides it.
    private func reaches(_ target: Mode, _ machine: EffectiveConfiguration) -> Bool {
        switch target {
        case .cluster: true
        case .group(let name): machine.group == name
        case .machine(let name): machine.machine == name
        }
    }

    private func isNarrower(_ provenance: Provenance, than target: Mode) -> Bool {
        guard case .configured(let mode) = provenance else { return false }
        return mode.level > target.level
    }

    private func file(of mode: Mode) -> String {
        switch mode {
        case .cluster: after.file
        case .group(let name): after.groups[name]?.file ?? after.file
        case .machine(let name): after.machines[name]?.settings.file ?? after.file
        }
    }
}
