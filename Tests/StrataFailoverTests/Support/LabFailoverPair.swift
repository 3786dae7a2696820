import Foundation
import StrataTestSupport

/// The phase-1 harness: a lab with two relays, each running a scratch Postfix and a hand-configured
/// keepalived (r1 priority 150, r2 priority 100) that share `virtualAddress`. `close()` stops everything and
/// removes the namespaces; tests call it in `defer`, and the lab's own cleanup runs even if they do not.
final class LabFailoverPair: @unchecked Sendable {
    static let virtualAddress = "198.51.100.100"

    let lab: NetworkLab
    let postfix: [LabPostfix]
    let keepalived: [LabKeepalived]

    init(preempt: Bool = true) async throws {
        let lab = try NetworkLab(relays: 2)
        self.lab = lab
        let (primary, standby) = (lab.relay("r1"), lab.relay("r2"))
        var instances: [LabPostfix] = []
        for host in [primary, standby] { instances.append(try await LabPostfix(lab: lab, host: host, virtualAddresses: [Self.virtualAddress])) }
        postfix = instances
        keepalived = [
            try LabKeepalived(lab: lab, host: primary, priority: 150, peers: [standby], virtualAddress: Self.virtualAddress, preempt: preempt),
            try LabKeepalived(lab: lab, host: standby, priority: 100, peers: [primary], virtualAddress: Self.virtualAddress, preempt: preempt),
        ]
    }

    var primary: NetworkLabHost { lab.relay("r1") }
    var standby: NetworkLabHost { lab.relay("r2") }

    /// Starts both Postfix instances and both keepalived; returns how long the primary took to hold the address.
    func start() async throws -> Duration {
        for instance in postfix { try instance.start() }
        try await lab.waitForAnswer(from: "r1.lab.test", at: primary.address, seconds: 30)
        try await lab.waitForAnswer(from: "r2.lab.test", at: standby.address, seconds: 30)
        for instance in keepalived { try instance.start() }
        return try await lab.waitForHolder(primary, of: Self.virtualAddress, seconds: FailoverDeadline.coldStart)
    }

    /// Both keepalived logs and both mail logs, for failure messages.
    var logs: String {
        (keepalived.map { "--- keepalived \($0.host.label)\n\($0.log)" } + postfix.map { "--- maillog \($0.host.label)\n\($0.maillog)" })
            .joined(separator: "\n")
    }

    /// Clean-up (from a `defer`): closing the lab stops every process left in its namespaces (keepalived,
    /// Postfix's master) with a bounded wait, then deletes the namespaces and the scratch directories.
    func close() {
        lab.close()
    }
}
