import StrataModel

/// E504, E507, W521: one failover per group: router ids unique in the cluster, cluster mode only for a
/// one-group cluster, and a failover needs a second machine to fail over to.
struct FailoverGroupCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        let cluster = context.cluster
        let clusterFailover = cluster.clusterSettings[feature: .failover]
        let groupNames = cluster.groups.keys.sorted()
        if let clusterFailover, groupNames.count > 1 {
            let example = groupNames.first { group in cluster.machines.values.contains { $0.group == group } } ?? groupNames[0]
            diagnostics.report(
                .clusterFailoverWithGroups,
                "failover is configured in cluster mode, but cluster '\(cluster.name)' has \(groupNames.count) groups (\(NameList.text(groupNames.map(\.rawValue))))",
                at: clusterFailover.location,
                help: "move failover to the file of each group that fails over (e.g. \(context.file(of: .group(example)))); cluster mode is for a cluster of one group")
        }
        for group in groupNames {
            let own = cluster.groups[group]?[feature: .failover]
            // Under E507 the groups that only inherit the cluster's failover are that error, not one warning each.
            guard let failover = own ?? (groupNames.count > 1 ? nil : clusterFailover) else { continue }
            let members = cluster.machines.values.filter { $0.group == group }.map(\.name).sorted()
            guard members.count < 2 else { continue }
            let which = members.first.map { "only one machine, \($0)" } ?? "no machine"
            diagnostics.report(
                .singleMachineFailover, "group '\(group)' has failover but \(which)", at: failover.location,
                help: "add a second machine to group '\(group)' to take the virtual addresses over, or delete failover")
        }
        checkRouterIDs(context, diagnostics: &diagnostics)
    }

    /// E504: VRRP tells the groups on one network apart by their virtual router id.
    private func checkRouterIDs(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var first: [Int: (mode: Mode, location: SourceLocation)] = [:]
        for use in FailoverUse.all(in: context) {
            guard let value = use.routerID, let id = value.integerValue else { continue }
            let here = use.location(of: value, context: context)
            guard let earlier = first[id] else {
                first[id] = (use.mode, here)
                continue
            }
            diagnostics.report(
                .duplicateRouterID, "virtual router id \(id) is used in \(earlier.mode) mode and in \(use.mode) mode",
                at: here, notes: [DiagnosticNote("also used here, in \(earlier.mode) mode", at: earlier.location)],
                help: "give each failover group of the cluster its own router_id (1-255)")
        }
    }
}
