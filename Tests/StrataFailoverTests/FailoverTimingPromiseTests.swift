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
    .needsNetworkLab, .needsKeepalivedAndPostfix)
struct FailoverTimingPromiseTests {
    @Test func theAddressFollowsTheSMTPMonitorAndThePrimaryTakesItBack() async throws {
        let pair = try await LabFailoverPair()
        defer { pair.close() }
        let vip = KeepalivedHarnessTests.vip
        await reportTiming("harness cold start, primary holds the address", try pair.start())
        try await pair.lab.waitForAnswer(from: "r1.lab.test", at: vip, seconds: 10)

        // The primary's listener stops: its check fails twice, it goes to FAULT, the standby takes over.
        try await Self.expectPromisedFailover("harness", pair.lab, to: pair.standby, answering: "r2.lab.test", at: vip, logs: pair.logs) {
            try await pair.postfix[0].stop()
        }
        // The listener is back: after `rise` good checks the primary preempts.
        try await Self.expectPreemption("harness", pair.lab, by: pair.primary, answering: "r1.lab.test", at: vip) { try pair.postfix[0].start() }
    }

    @Test func smtpToTheAddressFollowsThePrimarysListenerAndComesBack() async throws {
        let cluster = try await FailoverEndToEndTests.applied()
        defer { cluster.close() }
        let vip = FailoverEndToEndTests.vip
        #expect(cluster.vrrpState(cluster.primary) == "MASTER")
        #expect(cluster.vrrpState(cluster.standby) == "BACKUP")
        try await FailoverEndToEndTests.expectStatus(cluster, holder: "relay1.example.com", states: ["MASTER", "BACKUP"])

        try await Self.expectPromisedFailover("e2e", cluster.lab, to: cluster.standby, answering: "relay2.example.com", at: vip, logs: cluster.logs) {
            try await cluster.stopListener(cluster.primary)
        }
        try await Wait.until("relay1 in FAULT", seconds: 10) { cluster.vrrpState(cluster.primary) == "FAULT" }
        try await Wait.until("relay2 MASTER", seconds: 10) { cluster.vrrpState(cluster.standby) == "MASTER" }
        try await FailoverEndToEndTests.expectStatus(cluster, holder: "relay2.example.com", states: ["FAULT", "MASTER"])

        try await Self.expectPreemption("e2e", cluster.lab, by: cluster.primary, answering: "relay1.example.com", at: vip) {
            try cluster.startListener(cluster.primary)
        }
    }

    /// Stops the primary's listener, then waits until `standby` alone holds the address and answers SMTP there,
    /// checking the promise on the measured time. The clock starts once `stop` returned (the listener is gone):
    /// stopping Postfix itself can take seconds on a loaded machine, and the promise is about the failover.
    static func expectPromisedFailover(
        _ label: String, _ lab: NetworkLab, to standby: NetworkLabHost, answering name: String, at vip: String,
        logs: @autoclosure () -> String, stop: () async throws -> Void
    ) async throws {
        try await stop()
        let stopped = ContinuousClock.now
        try await lab.waitForHolder(standby, of: vip, seconds: FailoverDeadline.monitorFailure)
        let moved = ContinuousClock.now - stopped
        reportTiming("\(label) SMTP listener stopped on the primary -> the standby holds the address", moved)
        #expect(moved < FailoverDeadline.promisedFailover, "\(logs())")
        try await lab.waitForAnswer(from: name, at: vip, seconds: 10)
        reportTiming("\(label) listener stopped -> the standby answers SMTP at the address", ContinuousClock.now - stopped)
    }

    /// Starts the primary's listener again, then waits until the primary holds the address (preempt) and answers.
    static func expectPreemption(
        _ label: String, _ lab: NetworkLab, by primary: NetworkLabHost, answering name: String, at vip: String,
        start: () throws -> Void
    ) async throws {
        let restarted = ContinuousClock.now
        try start()
        try await lab.waitForHolder(primary, of: vip, seconds: FailoverDeadline.preemption)
        reportTiming("\(label) listener back -> the primary holds the address again (preempt)", ContinuousClock.now - restarted)
        try await lab.waitForAnswer(from: name, at: vip, seconds: 10)
    }
}
