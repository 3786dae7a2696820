/// Which machines of a cluster hold one virtual address now, from their agents' VRRP reports: none
/// (no machine serves it), one (as it should be), or several (split brain: `strata check` reports drift).
public struct VirtualAddressHolding: Sendable, Hashable {
    /// The cluster.
    public var cluster: String
    /// The virtual address (CIDR, as configured).
    public var address: String
    /// The machines holding it, in name order.
    public var holders: [String]

    /// Creates a holding.
    public init(cluster: String, address: String, holders: [String]) {
        self.cluster = cluster
        self.address = address
        self.holders = holders
    }

    /// Two or more machines hold the address.
    public var isSplitBrain: Bool { holders.count > 1 }

    /// The JSON form: `{"cluster", "address", "holders": [...]}`.
    public var json: JSON {
        .object([("cluster", .string(cluster)), ("address", .string(address)), ("holders", .array(holders.map(JSON.string)))])
    }

    /// Every address some machine of a cluster reports as configured, in the order first reported, with its
    /// holders. Machines without a report (unreachable, no keepalived backend) count as not holding.
    public static func find(_ readings: [(cluster: String, machine: String, vrrp: VRRPReport?)]) -> [VirtualAddressHolding] {
        var result: [VirtualAddressHolding] = []
        for reading in readings {
            guard let vrrp = reading.vrrp else { continue }
            for address in vrrp.addresses + vrrp.held {
                let index = result.firstIndex { $0.cluster == reading.cluster && $0.address == address } ?? {
                    result.append(VirtualAddressHolding(cluster: reading.cluster, address: address, holders: []))
                    return result.count - 1
                }()
                if vrrp.held.contains(address), !result[index].holders.contains(reading.machine) {
                    result[index].holders.append(reading.machine)
                    result[index].holders.sort()
                }
            }
        }
        return result
    }
}
