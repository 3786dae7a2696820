// Two keepalived in relay namespaces from hand-written configurations, each beside a real Postfix whose
// greeting its vrrp_script checks: the virtual address follows the SMTP monitor, a clean stop and a kill,
// and is taken back (preempt) or not (nopreempt). The measured times are printed as `failover timing:`
// lines; these tests assert hang guards (the 5 s for a failed listener is FailoverTimingPromiseTests',
// which `make test` runs alone). Root, keepalived and Postfix only: otherwise reported as skipped, with the reason.

import Foundation
import Testing
import StrataTestSupport

@Suite(
    "keepalived failover harness in network namespaces", .serialized,
    .needsNetworkLab, .needsKeepalivedAndPostfix)
struct KeepalivedHarnessTests {
    static let vip = LabFailoverPair.virtualAddress

    @Test func aCleanStopAndAKillOfThePrimarysKeepalivedMoveTheAddress() async throws {
        let pair = try await LabFailoverPair()
        defer { pair.close() }
        let lab = pair.lab
        _ = try await pair.start()

        let terminated = ContinuousClock.now
        try await pair.keepalived[0].terminate()
        let cleanStop = try await lab.waitForHolder(pair.standby, of: Self.vip, seconds: FailoverDeadline.cleanStop)
        reportTiming("harness keepalived SIGTERM on the primary -> standby holds the address", ContinuousClock.now - terminated)
        #expect(cleanStop < .seconds(FailoverDeadline.cleanStop))
        try await lab.waitForAnswer(from: "r2.lab.test", at: Self.vip, seconds: 10)
        try pair.keepalived[0].start()
        try await lab.waitForHolder(pair.primary, of: Self.vip, seconds: FailoverDeadline.preemption)

        // A crash: nobody removes the address from the primary, the standby takes it when the adverts stop.
        let killed = ContinuousClock.now
        try await pair.keepalived[0].crash()
        try await lab.waitForHolder(pair.standby, of: Self.vip, exclusive: false, seconds: FailoverDeadline.kill)
        reportTiming("harness keepalived SIGKILL on the primary -> standby holds the address", ContinuousClock.now - killed)
        #expect(try lab.holds(pair.primary, Self.vip), "the killed primary keeps a stale copy of the address")
        try await lab.waitForAnswer(from: "r2.lab.test", at: Self.vip, seconds: 10)

        // Restarted, keepalived removes the stale address and then preempts as usual.
        let restarted = ContinuousClock.now
        try pair.keepalived[0].start()
        try await lab.waitForHolder(pair.primary, of: Self.vip, seconds: FailoverDeadline.preemption)
        reportTiming("harness keepalived restarted after the kill -> primary holds the address alone", ContinuousClock.now - restarted)
        try await lab.waitForAnswer(from: "r1.lab.test", at: Self.vip, seconds: 10)
    }

    @Test func withNopreemptTheStandbyKeepsTheAddressWhenThePrimaryRecovers() async throws {
        let pair = try await LabFailoverPair(preempt: false)
        defer { pair.close() }
        let lab = pair.lab
        _ = try await pair.start()

        try await pair.postfix[0].stop()
        try await lab.waitForHolder(pair.standby, of: Self.vip, seconds: FailoverDeadline.monitorFailure)
        try pair.postfix[0].start()
        // The primary's check passes again (it leaves FAULT for BACKUP) ...
        try await Wait.until("the primary to leave FAULT", seconds: FailoverDeadline.preemption, interval: 0.05) {
            pair.keepalived[0].log.components(separatedBy: "Entering BACKUP STATE").count > 2
        }
        // ... and for three times the preemption the primary needs with preempt, the standby keeps the address.
        #expect(try await lab.holderChange(pair.standby, of: Self.vip, during: 15) == nil, "\(pair.logs)")
        try await lab.waitForAnswer(from: "r2.lab.test", at: Self.vip, seconds: 10)
    }
}
