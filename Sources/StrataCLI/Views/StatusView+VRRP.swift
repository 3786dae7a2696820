import StrataModel
import StrataPlan

extension StatusView {
    /// Each machine's VRRP state, then who holds each virtual address (`nobody`; several: split brain).
    func vrrpText(_ rows: [LiveMachine], style: Style) -> String {
        var out = ""
        for reading in rows {
            guard let vrrp = reading.state?.backend?.vrrp else { continue }
            // The agent's words: escaped, one line each.
            let held = vrrp.held.isEmpty ? "holds no virtual address" : "holds " + vrrp.held.map(\.terminalSafe).joined(separator: ", ")
            out += "\(reading.target.machine): vrrp router \(vrrp.routerID) on \(vrrp.interface.terminalSafe): \(vrrp.state.terminalSafe), \(held)\n"
        }
        for holding in Self.holdings(rows) {
            let holders = holding.holders.isEmpty ? style.red("nobody") : holding.holders.joined(separator: ", ")
            let warning = holding.isSplitBrain ? " " + style.red("(split brain)") : ""
            out += "virtual address \(holding.address.terminalSafe): held by \(holders)\(warning)\n"
        }
        return out
    }

    /// Who holds each virtual address the machines report, per cluster.
    static func holdings(_ readings: [LiveMachine]) -> [VirtualAddressHolding] {
        VirtualAddressHolding.find(readings.map {
            (cluster: $0.target.cluster.rawValue, machine: $0.target.machine.rawValue, vrrp: $0.state?.backend?.vrrp)
        })
    }
}
