import StrataModel

/// One failover as a mode configures it, with the machines that resolve it: the machines of a group share their
/// group's (or the cluster's) value, so the failover checks report a problem of the value once, not per machine.
struct FailoverUse {
    /// The mode that configures it (`group:usa`, `cluster`; `machine:NAME` for a standalone file).
    var mode: Mode
    /// The value as configured (its `peers` are not looked at).
    var value: Value
    /// Where the feature's key is written.
    var location: SourceLocation?
    /// The machines resolving it, in name order.
    var machines: [EffectiveConfiguration]

    var routerID: Value? { value[field: "router_id"] }
    var interface: String { value[field: "interface"]?.stringValue ?? "" }
    var addresses: [Value] { value[field: "addresses"]?.listItems ?? [] }

    /// The failovers of a cluster's machines, in the order their first machine comes (machines by name);
    /// machines whose failover or interfaces did not check out are left out.
    static func all(in context: CheckContext) -> [FailoverUse] {
        var uses: [FailoverUse] = []
        var index: [Mode: Int] = [:]
        for machine in context.cluster.effective where context.usable(.failover, of: machine) {
            guard let resolved = machine[feature: .failover], case .configured(let mode) = resolved.provenance else { continue }
            if let position = index[mode] {
                uses[position].machines.append(machine)
            } else {
                index[mode] = uses.count
                uses.append(FailoverUse(mode: mode, value: resolved.value, location: resolved.location, machines: [machine]))
            }
        }
        return uses
    }

    /// Where a field of the value is written, else where the feature is.
    func location(of value: Value?, context: CheckContext) -> SourceLocation {
        value?.location ?? location ?? .file(context.file(of: mode))
    }
}

extension EffectiveConfiguration {
    /// The machine's interface named `name`, if it has one.
    func interface(named name: String) -> Value? {
        self[feature: .interfaces]?.value.listItems?.first { $0[field: "name"]?.stringValue == name }
    }
}
