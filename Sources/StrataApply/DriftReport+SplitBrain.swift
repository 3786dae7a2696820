public import StrataModel

extension DriftReport {
    /// Virtual addresses two or more machines of a cluster hold at once (split brain), from the agents'
    /// VRRP reports: drift, because the repository means one holder per address.
    public var splitBrains: [VirtualAddressHolding] {
        VirtualAddressHolding.find(machines.map {
            (cluster: $0.target.cluster.rawValue, machine: $0.target.machine.rawValue, vrrp: $0.state?.backend?.vrrp)
        }).filter(\.isSplitBrain)
    }
}
