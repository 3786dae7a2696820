import StrataModel

/// W411: a record feature (mta, dns, ssh, ntp, ldap) configured at a lower mode replaces the higher mode's
/// value as a whole, so fields the higher mode wrote and the override leaves out go back to their defaults.
struct PartialOverrideCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        let cluster = context.cluster
        for definition in Catalogue.features {
            guard case .record = definition.type else { continue }
            for name in cluster.groups.keys.sorted() {
                guard let group = cluster.groups[name], let override = group[feature: definition.name],
                      let above = cluster.clusterSettings[feature: definition.name] else { continue }
                report(override, of: group.mode, above: above, aboveMode: .cluster, into: &diagnostics)
            }
            for name in cluster.machines.keys.sorted() {
                guard let machine = cluster.machines[name], let override = machine.settings[feature: definition.name] else { continue }
                if let group = machine.group.flatMap({ cluster.groups[$0] }), let above = group[feature: definition.name] {
                    report(override, of: machine.settings.mode, above: above, aboveMode: group.mode, into: &diagnostics)
                } else if let above = cluster.clusterSettings[feature: definition.name] {
                    report(override, of: machine.settings.mode, above: above, aboveMode: .cluster, into: &diagnostics)
                }
            }
        }
    }

    private func report(_ override: ConfiguredFeature, of mode: Mode, above: ConfiguredFeature, aboveMode: Mode, into diagnostics: inout Diagnostics) {
        var reset: [String] = []
        for field in above.value.recordFields ?? [] where field.value.location != nil {
            let mine = override.value[field: field.name]
            guard mine?.location == nil, mine != field.value else { continue }
            reset.append("\(field.name) (\(field.value.description) → \(mine?.description ?? "unset"))")
        }
        guard !reset.isEmpty else { return }
        diagnostics.report(
            .partialOverride,
            "\(override.name) in \(mode) replaces the one in \(aboveMode) as a whole: \(NameList.text(reset, limit: 4)) go back to their defaults",
            at: override.location, notes: [DiagnosticNote("\(aboveMode) sets them here", at: above.location)],
            help: "copy those fields into this override if they should stay, or delete the override to inherit")
    }
}
