public import StrataModel
import StrataCatalogue

/// Computes per-machine differences between two sets of effective configurations (revisions, or desired and live).
///
/// Pure: no I/O. Machines are matched by cluster and machine name; values are compared by content, so a feature
/// that moved to another mode with the same value is no change.
public enum ConfigDiffer {
    /// The differences of every machine on either side, sorted by cluster then machine. Both sides are compiled
    /// configurations (revisions, edits): a feature resolved from the same cluster or group modes is compared once per
    /// cluster (``SharedComparisons``), which live configurations (one machine's drift) would not allow.
    public static func diff(before: [EffectiveConfiguration], after: [EffectiveConfiguration]) -> ConfigDiff {
        let beforeByID = index(before)
        let afterByID = index(after)
        var machines: [MachineDiff] = []
        var shared = SharedComparisons()
        for (id, configuration) in afterByID {
            if let diff = machineDiff(before: beforeByID[id], after: configuration, shared: &shared) { machines.append(diff) }
        }
        for (id, configuration) in beforeByID where afterByID[id] == nil {
            if let diff = machineDiff(before: configuration, after: nil) { machines.append(diff) }
        }
        return ConfigDiff(machines: machines)
    }

    /// The differences of one machine; nil when it exists on neither side.
    public static func machineDiff(before: EffectiveConfiguration?, after: EffectiveConfiguration?) -> MachineDiff? {
        var shared = SharedComparisons()
        return machineDiff(before: before, after: after, shared: &shared)
    }

    private static func machineDiff(
        before: EffectiveConfiguration?, after: EffectiveConfiguration?, shared: inout SharedComparisons
    ) -> MachineDiff? {
        switch (before, after) {
        case (nil, nil):
            return nil
        case (nil, let created?):
            let listed = orderedFeatures(created.features).map { ConfigChange(path: $0.name, before: nil, after: $0.value) }
            return MachineDiff(machine: created.machine, cluster: created.cluster, action: .create, changes: listed)
        case (let deleted?, nil):
            let listed = orderedFeatures(deleted.features).map { ConfigChange(path: $0.name, before: $0.value, after: nil) }
            return MachineDiff(machine: deleted.machine, cluster: deleted.cluster, action: .delete, changes: listed)
        case (let old?, let new?):
            let featureChanges = changes(before: old, after: new, shared: &shared)
            var listed: [ConfigChange] = []
            // A move alone applies nothing, but a reviewer wants to see it.
            if old.group != new.group {
                listed.append(ConfigChange(path: "group", before: .string(old.group.rawValue), after: .string(new.group.rawValue)))
            }
            listed += featureChanges
            return MachineDiff(
                machine: new.machine, cluster: new.cluster, action: featureChanges.isEmpty ? .noop : .update, changes: listed,
                // Nothing changed, nothing can stop: the guard's rules are not worth weighing thousands of routes.
                destructive: featureChanges.isEmpty ? [] : DestructiveRules.findings(before: old, after: new))
        }
    }

    /// The feature changes between two configurations of one machine, in catalogue order (group and names ignored).
    public static func changes(before: EffectiveConfiguration, after: EffectiveConfiguration) -> [ConfigChange] {
        var shared = SharedComparisons()
        return changes(before: before, after: after, shared: &shared)
    }

    private static func changes(
        before: EffectiveConfiguration, after: EffectiveConfiguration, shared: inout SharedComparisons
    ) -> [ConfigChange] {
        let names = orderedNames(after.features.map(\.name) + before.features.map(\.name))
        var collector = ChangeCollector()
        for name in names {
            let old = before[feature: name], new = after[feature: name]
            let compare = { (collector: inout ChangeCollector) in
                collector.compare(before: old?.value, after: new?.value, type: Catalogue.feature(name)?.type, path: name)
            }
            guard let key = SharedComparisons.Key(cluster: after.cluster, before: old, after: new) else {
                compare(&collector)
                continue
            }
            if let known = shared.changes[key] {
                collector.append(known)
            } else {
                var own = ChangeCollector()
                compare(&own)
                shared.changes[key] = own.changes
                collector.append(own.changes)
            }
        }
        return collector.changes
    }

    /// A feature's changes found once for every machine of a cluster that resolves it from the same cluster or
    /// group modes on both sides: those machines have the same values (a fleet's 2,000-route table is compared once
    /// per group, not once per machine). Machine modes, defaults and values resolved per machine (``FailoverPeers``)
    /// are compared for each machine.
    private struct SharedComparisons {
        struct Key: Hashable {
            let cluster: ClusterName
            let feature: String
            let before: Mode
            let after: Mode

            init?(cluster: ClusterName, before: ResolvedFeature?, after: ResolvedFeature?) {
                guard let old = before?.sharedMode, let new = after?.sharedMode, let after else { return nil }
                (self.cluster, self.feature, self.before, self.after) = (cluster, after.name, old, new)
            }
        }

        var changes: [Key: [ConfigChange]] = [:]
    }

    /// The changes between two values of one feature, addressed from the feature's name.
    public static func changes(feature name: String, before: Value?, after: Value?) -> [ConfigChange] {
        var collector = ChangeCollector()
        collector.compare(before: before, after: after, type: Catalogue.feature(name)?.type, path: name)
        return collector.changes
    }

    private struct MachineID: Hashable {
        var cluster: ClusterName
        var machine: MachineName
    }

    /// Configurations by identity; a duplicate keeps the first occurrence.
    private static func index(_ configurations: [EffectiveConfiguration]) -> [MachineID: EffectiveConfiguration] {
        var result: [MachineID: EffectiveConfiguration] = [:]
        for configuration in configurations {
            let id = MachineID(cluster: configuration.cluster, machine: configuration.machine)
            if result[id] == nil { result[id] = configuration }
        }
        return result
    }

    /// Catalogue features first in catalogue order, then unknown names in first-seen order, each once.
    private static func orderedNames(_ names: [String]) -> [String] {
        let present = Set(names)
        var ordered = Catalogue.names.filter(present.contains)
        var seen = Set(ordered)
        for name in names where seen.insert(name).inserted { ordered.append(name) }
        return ordered
    }

    private static func orderedFeatures(_ features: [ResolvedFeature]) -> [ResolvedFeature] {
        orderedNames(features.map(\.name)).compactMap { name in features.first { $0.name == name } }
    }
}
