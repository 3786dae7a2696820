// Issue 15 end to end: examples/failover-pair in a git repository, applied by a real `strata apply` to two
// real agents on the host's loopback whose Postfix and keepalived run in the lab's relay namespaces; a
// client namespace speaks SMTP to the virtual address. The address follows the primary's SMTP listener
// (FailoverTimingPromiseTests, within the promised 5 s) and comes back, or not with nopreempt; a priority
// committed in git moves it, a file keepalived refuses changes nothing, and `strata status` shows who holds it.
// Root, keepalived and Postfix only: otherwise reported as skipped, with the reason. All namespaces are removed at
// the end, also when a test fails.

import Foundation
import Testing
import StrataTestSupport

@Suite(
    "failover end to end: strata, agents, keepalived and Postfix in network namespaces", .serialized,
    .needsNetworkLab, .needsKeepalivedAndPostfix)
struct FailoverEndToEndTests {
    static let vip = FailoverCluster.virtualAddress

    /// Applies the committed example and waits until relay1 alone holds the address and answers SMTP there.
    static func applied() async throws -> FailoverCluster {
        let cluster = try await FailoverCluster()
        do {
            let started = ContinuousClock.now
            let applied = try await cluster.strata(["apply", "--yes"])
            guard applied.status == 0 else { throw FixtureError("apply failed: \(applied)\n\(cluster.logs)") }
            try await cluster.lab.waitForHolder(cluster.primary, of: vip, seconds: FailoverDeadline.coldStart)
            reportTiming("e2e apply of both machines -> relay1 holds the address", ContinuousClock.now - started)
            try await cluster.lab.waitForAnswer(from: "relay1.example.com", at: vip, seconds: 10)
            return cluster
        } catch {
            cluster.close()
            throw error
        }
    }

    /// `strata status` names each machine's VRRP state and the one holder of the virtual address.
    static func expectStatus(_ cluster: FailoverCluster, holder: String, states: [String]) async throws {
        let status = try await cluster.strata(["status"])
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("relay1.example.com: vrrp router 51 on Data1: \(states[0]), "), "\(status)")
        #expect(status.stdout.contains("relay2.example.com: vrrp router 51 on Data1: \(states[1]), "), "\(status)")
        #expect(status.stdout.contains("virtual address \(Self.vip)/24: held by \(holder)\n"), "\(status)")
    }

    @Test func withPreemptFalseCommittedTheStandbyKeepsTheAddress() async throws {
        let cluster = try await Self.applied()
        defer { cluster.close() }
        let lab = cluster.lab
        let applied = try await cluster.commitAndApply("usa: no preemption") {
            try cluster.git.replace("clusters/pair/groups/usa.yaml", "preempt: true", with: "preempt: false")
        }
        #expect(applied.status == 0, "\(applied)\n\(cluster.logs)")
        #expect(cluster.keepalivedFile(cluster.primary)?.contains("nopreempt") == true)
        try await lab.waitForHolder(cluster.primary, of: Self.vip, seconds: FailoverDeadline.preemption)

        try await cluster.stopListener(cluster.primary)
        try await lab.waitForHolder(cluster.standby, of: Self.vip, seconds: FailoverDeadline.monitorFailure)
        try await Wait.until("relay1 in FAULT", seconds: 10) { cluster.vrrpState(cluster.primary) == "FAULT" }
        try cluster.startListener(cluster.primary)
        try await Wait.until("relay1 healthy again (BACKUP)", seconds: FailoverDeadline.preemption) { cluster.vrrpState(cluster.primary) == "BACKUP" }
        // Three times what relay1 needs to preempt when it may: relay2 keeps the address and answers.
        #expect(try await lab.holderChange(cluster.standby, of: Self.vip, during: 15) == nil, "\(cluster.logs)")
        try await lab.waitForAnswer(from: "relay2.example.com", at: Self.vip, seconds: 10)
    }

    @Test func aPriorityCommittedInGitAndAppliedChangesTheHolder() async throws {
        let cluster = try await Self.applied()
        defer { cluster.close() }
        let started = ContinuousClock.now
        let applied = try await cluster.commitAndApply("relay2 becomes the primary") {
            try cluster.git.replace(cluster.machineFile("relay2.example.com"), "failover_priority: 100", with: "failover_priority: 200")
        }
        #expect(applied.status == 0, "\(applied)\n\(cluster.logs)")
        #expect(cluster.keepalivedFile(cluster.standby)?.contains("priority 200") == true)
        try await cluster.lab.waitForHolder(cluster.standby, of: Self.vip, seconds: FailoverDeadline.preemption)
        reportTiming("e2e priority 200 committed and applied -> relay2 holds the address", ContinuousClock.now - started)
        try await cluster.lab.waitForAnswer(from: "relay2.example.com", at: Self.vip, seconds: 10)
        try await Wait.until("relay1 BACKUP", seconds: 10) { cluster.vrrpState(cluster.primary) == "BACKUP" }
        try await Self.expectStatus(cluster, holder: "relay2.example.com", states: ["BACKUP", "MASTER"])
    }

    @Test func aFileKeepalivedRefusesChangesNothing() async throws {
        let cluster = try await Self.applied()
        defer { cluster.close() }
        let files = (cluster.keepalivedFile(cluster.primary), cluster.keepalivedFile(cluster.standby))
        #expect(files.0 != nil && files.1 != nil)
        // Data2 passes every Strata check but its device (agent.yaml maps it to `data2`) does not exist in the
        // namespaces: `keepalived -t` refuses the file.
        let refused = try await cluster.commitAndApply("the address moves to Data2") {
            for (machine, number) in [("relay1.example.com", 11), ("relay2.example.com", 12)] {
                try cluster.git.replace(
                    cluster.machineFile(machine), "      address: 198.51.100.\(number)/24\n",
                    with: "      address: 198.51.100.\(number)/24\n    - name: Data2\n      address: 203.0.113.\(number)/24\n")
            }
            try cluster.git.replace("clusters/pair/groups/usa.yaml", "interface: Data1", with: "interface: Data2")
            try cluster.git.replace("clusters/pair/groups/usa.yaml", "198.51.100.100/24", with: "203.0.113.100/24")
        }
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.output.contains("keepalived -t refuses the configuration"), "\(refused)")
        #expect(refused.output.contains("data2"), "\(refused)")
        #expect(cluster.keepalivedFile(cluster.primary) == files.0)
        #expect(cluster.keepalivedFile(cluster.standby) == files.1)
        #expect(try cluster.lab.holders(of: Self.vip) == [cluster.primary])
        #expect(cluster.vrrpState(cluster.primary) == "MASTER")
        try await cluster.lab.waitForAnswer(from: "relay1.example.com", at: Self.vip, seconds: 10)
        try await Self.expectStatus(cluster, holder: "relay1.example.com", states: ["MASTER", "BACKUP"])
    }
}
