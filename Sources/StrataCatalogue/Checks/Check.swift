package import StrataModel

/// What a check looks at: one compiled cluster (or one standalone machine).
package struct CheckContext {
    /// The cluster with its flattened machines.
    package var cluster: CompiledCluster
    /// Features whose declaration was invalid somewhere.
    package var invalid: InvalidFeatures
    /// True when checking a standalone export rather than a cluster.
    package var standalone = false

    /// Creates the context of one run of the checks.
    package init(cluster: CompiledCluster, invalid: InvalidFeatures, standalone: Bool = false) {
        self.cluster = cluster
        self.invalid = invalid
        self.standalone = standalone
    }

    /// Whether a machine's feature can be checked (it resolved from a valid declaration).
    func usable(_ feature: FeatureName, of machine: EffectiveConfiguration) -> Bool {
        !invalid.contains(feature.rawValue, machine: machine.machine, group: machine.group)
    }

    /// The file that holds a mode's settings.
    func file(of mode: Mode) -> String {
        switch mode {
        case .cluster: return cluster.file
        case .group(let name): return cluster.groups[name]?.file ?? cluster.file
        case .machine(let name): return cluster.machines[name]?.settings.file ?? cluster.file
        }
    }
}

/// One rule over a compiled cluster; reports into the run's diagnostics.
package protocol Check: Sendable {
    /// Reports what the rule finds in `context`.
    func run(_ context: CheckContext, diagnostics: inout Diagnostics)
}

/// Every check, in the order they run.
package enum Checks {
    /// The checks of a cluster.
    package static let all: [any Check] = [
        ReferenceCheck(), ListenerBindingCheck(), NoListenersCheck(), AddressingCheck(), MachineCountCheck(),
        ClusterUniquenessCheck(), TimezoneCheck(), MTARelationsCheck(), PartialOverrideCheck(),
        FailoverAddressCheck(), FailoverPriorityCheck(), FailoverIntervalCheck(), FailoverGroupCheck(),
    ]

    /// The checks that make sense for a standalone export (no cluster around it).
    package static let standalone: [any Check] = [
        ReferenceCheck(), ListenerBindingCheck(), NoListenersCheck(), MTARelationsCheck(),
        FailoverAddressCheck(), FailoverPriorityCheck(), FailoverIntervalCheck(),
    ]
}

/// `a`, `a and b`, `a, b and 3 more`.
enum NameList {
    static func text(_ names: [String], limit: Int = 3) -> String {
        if names.count <= 1 { return names.first ?? "" }
        if names.count <= limit { return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1] }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
