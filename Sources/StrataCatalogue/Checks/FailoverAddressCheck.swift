import StrataModel

/// E501, E505, E506, E508: a failover's virtual addresses lie in its interface's subnet on every machine that
/// resolves it, are of one address family, are no interface's address, and belong to one failover only.
struct FailoverAddressCheck: Check {
    private struct Claim {
        var mode: Mode
        var location: SourceLocation
    }

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        let uses = FailoverUse.all(in: context)
        guard !uses.isEmpty else { return }
        let interfaceAddresses = Self.interfaceAddresses(context)
        var claimed: [String: Claim] = [:]
        for use in uses {
            checkFamilies(use, context: context, diagnostics: &diagnostics)
            checkSubnets(use, context: context, diagnostics: &diagnostics)
            for address in use.addresses {
                let text = IPNetwork.addressText(address.stringValue ?? "")
                let key = ClusterUniquenessCheck.canonicalAddress(text)
                let here = use.location(of: address, context: context)
                if let owner = interfaceAddresses[key] {
                    diagnostics.report(
                        .virtualAddressOfInterface,
                        "virtual address '\(text)' is the address of interface '\(owner.interface)' on machine \(owner.machine)",
                        at: here, notes: [DiagnosticNote("the interface's address is here", at: owner.location)],
                        help: "a virtual address must be one no machine has: pick a free address in the subnet")
                }
                if let earlier = claimed[key] {
                    let whose = earlier.mode == use.mode ? "listed twice in \(use.mode) mode" : "used in \(earlier.mode) mode and in \(use.mode) mode"
                    diagnostics.report(
                        .duplicateVirtualAddress, "virtual address '\(text)' is \(whose)", at: here,
                        notes: [DiagnosticNote("also here, in \(earlier.mode) mode", at: earlier.location)],
                        help: earlier.mode == use.mode
                            ? "delete one of the two" : "a virtual address belongs to one failover group: give each group its own")
                } else {
                    claimed[key] = Claim(mode: use.mode, location: here)
                }
            }
        }
    }

    /// E508: keepalived's VRRP instance carries addresses of one family.
    private func checkFamilies(_ use: FailoverUse, context: CheckContext, diagnostics: inout Diagnostics) {
        let families = use.addresses.map { IPNetwork($0.stringValue ?? "")?.isIPv6 }
        guard let first = families.first, let odd = families.firstIndex(where: { $0 != first }) else { return }
        let family = { (isIPv6: Bool?) in isIPv6 == true ? "IPv6" : "IPv4" }
        diagnostics.report(
            .mixedVirtualAddressFamilies,
            "failover in \(use.mode) mode mixes \(family(first)) and \(family(families[odd])) virtual addresses",
            at: use.location(of: use.addresses[odd], context: context),
            notes: [DiagnosticNote("the first address is \(family(first))", at: use.addresses[0].location)],
            help: "keep the addresses of one family: keepalived runs one address family per VRRP instance")
    }

    /// E501: each virtual address inside the subnet of the failover interface on every machine that resolves it.
    private func checkSubnets(_ use: FailoverUse, context: CheckContext, diagnostics: inout Diagnostics) {
        // Machines without the interface are the reference check's E301.
        let networks: [(machine: MachineName, cidr: Value, network: IPNetwork)] = use.machines.compactMap { machine in
            guard context.usable(.interfaces, of: machine), let cidr = machine.interface(named: use.interface)?[field: "address"],
                  let network = IPNetwork(cidr.stringValue ?? "") else { return nil }
            return (machine.machine, cidr, network)
        }
        for address in use.addresses {
            guard let virtual = IPNetwork(address.stringValue ?? "") else { continue }
            let outside = networks.filter { !$0.network.contains(virtual) }
            guard !outside.isEmpty else { continue }
            let machines = outside.map { "\($0.machine) (\($0.cidr.stringValue ?? ""))" }
            diagnostics.report(
                .virtualAddressOutsideSubnet,
                "virtual address '\(address.stringValue ?? "")' is outside the subnet of interface '\(use.interface)' on machine\(outside.count == 1 ? "" : "s") \(NameList.text(machines))",
                at: use.location(of: address, context: context),
                notes: outside.map { DiagnosticNote("interface '\(use.interface)' of \($0.machine) is here", at: $0.cidr.location) },
                help: "use a virtual address in the subnet of '\(use.interface)' on every machine of the group, or correct 'interface'")
        }
    }

    /// Every interface address of the cluster (canonical text) → the first machine and interface that have it.
    private static func interfaceAddresses(_ context: CheckContext) -> [String: (machine: MachineName, interface: String, location: SourceLocation?)] {
        var result: [String: (machine: MachineName, interface: String, location: SourceLocation?)] = [:]
        for machine in context.cluster.effective where context.usable(.interfaces, of: machine) {
            for interface in machine[feature: .interfaces]?.value.listItems ?? [] {
                guard let cidr = interface[field: "address"]?.stringValue else { continue }
                let key = ClusterUniquenessCheck.canonicalAddress(IPNetwork.addressText(cidr))
                if result[key] == nil {
                    result[key] = (machine.machine, interface[field: "name"]?.stringValue ?? "", interface[field: "address"]?.location)
                }
            }
        }
        return result
    }
}
