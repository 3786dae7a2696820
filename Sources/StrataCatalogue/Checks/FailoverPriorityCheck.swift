import StrataModel

/// E502, E503, W520: every machine that resolves a failover has a failover_priority, unique among the machines
/// sharing that failover; a priority without a failover is a leftover.
struct FailoverPriorityCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        for machine in context.cluster.effective {
            guard context.usable(.failover, of: machine), context.usable(.failoverPriority, of: machine) else { continue }
            let failover = machine[feature: .failover]
            let priority = machine[feature: .failoverPriority]
            let file = context.file(of: .machine(machine.machine))
            if let failover, priority == nil {
                diagnostics.report(
                    .missingFailoverPriority,
                    "machine \(machine.machine) has failover (from \(failover.provenance) mode) but no failover_priority",
                    // The machine's `group:` line is why it has the failover.
                    at: context.cluster.machines[machine.machine]?.groupLocation ?? .file(file),
                    notes: [DiagnosticNote("failover is configured here", at: failover.location)],
                    help: "add `failover_priority: <1-254>` to the settings of \(file); the machine with the highest priority holds the virtual addresses")
            } else if let priority, failover == nil {
                let whose = context.standalone ? "it has" : "its group '\(machine.group)' has"
                diagnostics.report(
                    .priorityWithoutFailover, "machine \(machine.machine) sets failover_priority, but \(whose) no failover",
                    at: priority.value.location ?? priority.location ?? .file(file),
                    help: context.standalone
                        ? "delete failover_priority, or configure failover"
                        : "delete failover_priority from \(file), or configure failover for group '\(machine.group)'")
            }
        }
        for use in FailoverUse.all(in: context) {
            checkUnique(use, context: context, diagnostics: &diagnostics)
        }
    }

    /// E503: VRRP elects by priority; two equal ones leave the choice to the addresses.
    private func checkUnique(_ use: FailoverUse, context: CheckContext, diagnostics: inout Diagnostics) {
        var first: [Int: (machine: MachineName, location: SourceLocation?)] = [:]
        for machine in use.machines where context.usable(.failoverPriority, of: machine) {
            guard let value = machine[feature: .failoverPriority]?.value, let priority = value.integerValue else { continue }
            guard let earlier = first[priority] else {
                first[priority] = (machine.machine, value.location)
                continue
            }
            diagnostics.report(
                .duplicateFailoverPriority,
                "failover_priority \(priority) is used by machines \(earlier.machine) and \(machine.machine), which share the failover of \(use.mode) mode",
                at: value.location ?? .file(context.file(of: .machine(machine.machine))),
                notes: [DiagnosticNote("also used here, by machine \(earlier.machine)", at: earlier.location)],
                help: "give each machine of the group its own priority; the highest holds the virtual addresses")
        }
    }
}
