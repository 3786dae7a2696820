// Issue 15's promise, asserted on the measured time: the standby holds the virtual address within 5 s of the
// primary's SMTP listener stopping — once with hand-written keepalived configurations (the harness), once end to
// end (strata apply, agents, keepalived and Postfix). A timing promise measured while a hundred other tests load
// the runner's two cores measures the runner (a CI run saw 5.2 s, with keepalived's own checks starved): `make
// test` runs these two alone, after the rest (`swift test --filter TimingPromise`, the rest with `--skip
// TimingPromise`). Plain `swift test` runs them with the others. Root, keepalived and Postfix only: otherwise
// reported as skipped, with the reason.

import Foundation
import Testing
import StrataTestSupport

@Suite(
    "failover timing promise: the standby holds the address within 5 s of the primary's listener stopping", .serialized,
    .enabled(if: NetworkLab.available, Comment(rawValue: NetworkLab.skipReason)),
    .enabled(if: LabKeepalived.available && FileManager.default.isExecutableFile(atPath: LabPostfix.postfix),
        "SKIPPED (not counted as passed): needs keepalived and Postfix installed (scripts/install-deps as root)"))
struct FailoverTimingPromiseTests {
    @Test func theAddressFollowsTheSMTPMonitorAndThePrimaryTakesItBack() async throws {
        let pair = try await LabFailoverPair()
        defer { pair.close() }
        let lab = pair.lab
        await reportTiming("harness cold start, primary holds the address", try pair.start())
        try await lab.waitForAnswer(from: "r1.lab.test", at: KeepalivedHarnessTests.vip, seconds: 10)

        // The primary's listener stops: its check fails twice, it goes to FAULT, the standby takes over.
        // The clock starts once the listener is gone (`postfix stop` returned): stopping Postfix itself can take
        // seconds on a loaded machine, and the promise is about the failover, not about Postfix's stop.
        try await pair.postfix[0].stop()
        let stopped = ContinuousClock.now
        try await lab.waitForHolder(pair.standby, of: KeepalivedHarnessTests.vip, seconds: FailoverDeadline.monitorFailure)
        let moved = ContinuousClock.now - stopped
        reportTiming("harness SMTP listener stopped on the primary -> standby holds the address", moved)
        #expect(moved < FailoverDeadline.promisedFailover, "\(pair.logs)")
        try await lab.waitForAnswer(from: "r2.lab.test", at: KeepalivedHarnessTests.vip, seconds: 10)
        reportTiming("harness listener stopped -> the standby answers SMTP at the address", ContinuousClock.now - stopped)

        // The listener is back: after `rise` good checks the primary preempts.
        let restarted = ContinuousClock.now
        try pair.postfix[0].start()
        try await lab.waitForHolder(pair.primary, of: KeepalivedHarnessTests.vip, seconds: FailoverDeadline.preemption)
        reportTiming("harness listener restarted -> primary holds the address again (preempt)", ContinuousClock.now - restarted)
        try await lab.waitForAnswer(from: "r1.lab.test", at: KeepalivedHarnessTests.vip, seconds: 10)
    }

    @Test func smtpToTheAddressFollowsThePrimarysListenerAndComesBack() async throws {
        let cluster = try await FailoverEndToEndTests.applied()
        defer { cluster.close() }
        let lab = cluster.lab
        #expect(cluster.vrrpState(cluster.primary) == "MASTER")
        #expect(cluster.vrrpState(cluster.standby) == "BACKUP")
        try await FailoverEndToEndTests.expectStatus(cluster, holder: "relay1.example.com", states: ["MASTER", "BACKUP"])

        // The clock starts once the listener is gone (its stop returned): the promise is about the failover.
        try await cluster.stopListener(cluster.primary)
        let stopped = ContinuousClock.now
        try await lab.waitForHolder(cluster.standby, of: FailoverEndToEndTests.vip, seconds: FailoverDeadline.monitorFailure)
        let moved = ContinuousClock.now - stopped
        reportTiming("e2e relay1's SMTP listener stopped -> relay2 holds the address", moved)
        #expect(moved < FailoverDeadline.promisedFailover, "\(cluster.logs)")
        try await lab.waitForAnswer(from: "relay2.example.com", at: FailoverEndToEndTests.vip, seconds: 10)
        reportTiming("e2e listener stopped -> relay2 answers SMTP at the address", ContinuousClock.now - stopped)
        try await Wait.until("relay1 in FAULT", seconds: 10) { cluster.vrrpState(cluster.primary) == "FAULT" }
        try await Wait.until("relay2 MASTER", seconds: 10) { cluster.vrrpState(cluster.standby) == "MASTER" }
        try await FailoverEndToEndTests.expectStatus(cluster, holder: "relay2.example.com", states: ["FAULT", "MASTER"])

        let restarted = ContinuousClock.now
        try cluster.startListener(cluster.primary)
        try await lab.waitForHolder(cluster.primary, of: FailoverEndToEndTests.vip, seconds: FailoverDeadline.preemption)
        reportTiming("e2e relay1's listener back -> relay1 holds the address again (preempt)", ContinuousClock.now - restarted)
        try await lab.waitForAnswer(from: "relay1.example.com", at: FailoverEndToEndTests.vip, seconds: 10)
    }
}
