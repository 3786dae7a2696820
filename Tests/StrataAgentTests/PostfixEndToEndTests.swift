import Foundation
import Testing
import StrataModel
#if canImport(Glibc)
import Glibc
#endif

/// Real Postfix instances on loopback behind a real agent, configured by a real `strata apply` from the
/// Americas example adapted to loopback; real SMTP to real sinks. Needs root and Postfix: otherwise
/// every test here is reported as skipped, with the reason.
@Suite("Postfix backend end to end", .serialized, .enabled(if: PostfixLab.available, PostfixLab.skipReason))
struct PostfixEndToEndTests {
    @Test func mailFollowsTheRoutesTheHATAndTheRATThroughApplies() async throws {
        let lab = try PostfixLab()
        let first = try PostfixSMTPSink()
        let second = try PostfixSMTPSink()
        defer {
            lab.stop()
            first.stop()
            second.stop()
        }
        try await lab.startAgent()
        var repo = PostfixLabRepo(
            agentPort: lab.agentPort, incomingPort: lab.incomingPort, outgoingPort: lab.outgoingPort, route: "127.0.0.1:\(first.port)")
        try repo.write(into: lab.repo)

        let applied = try await lab.strata(["apply", "--yes"])
        #expect(applied.status == 0, "\(applied)\n\(lab.log)\n\(lab.postfixLog)")
        // The renderer's warnings reach the controller (the footer has no Postfix mapping).
        #expect(applied.output.contains("warning (postfix): listeners[IncomingMail]"), "\(applied)")
        let sent = try await lab.send(to: "alice@example.com", marker: "first-route")
        #expect(sent.status == 0, "\(sent)")
        let arrived = try await #require(first.waitForMessage(containing: "first-route"), "\(lab.postfixLog)")
        #expect(arrived.recipients == ["alice@example.com"])

        // The RAT refuses recipients outside the accepted domains; the HAT refuses 127.0.0.3.
        let outside = try await lab.send(to: "bob@example.net", marker: "outside")
        #expect(outside.status != 0 && outside.output.contains("<** 554 5.7.1"), "\(outside)")
        let banned = try await lab.send(to: "alice@example.com", marker: "banned", client: "127.0.0.3")
        #expect(banned.status != 0 && banned.output.contains("<** 554 5.7.1"), "\(banned)")
        #expect(first.received.count == 1)

        // A route change, applied: mail follows the new route.
        repo.route = "127.0.0.1:\(second.port)"
        try repo.write(into: lab.repo)
        let rerouted = try await lab.strata(["apply", "--yes"])
        #expect(rerouted.status == 0, "\(rerouted)\n\(lab.log)")
        await #expect(try lab.send(to: "carol@example.com", marker: "second-route").status == 0)
        await #expect(second.waitForMessage(containing: "second-route") != nil, "\(lab.postfixLog)")
        #expect(first.received.count == 1)

        // A rollback through the API (what `apply --rollback-on-failure` sends) re-installs generation 1 into
        // Postfix: mail follows the first route again.
        let rollback = try await runProgram([
            "curl", "-s", "-f", "-X", "POST", "-H", "Authorization: Bearer \(PostfixLab.token)",
            "-d", #"{"machine": "\#(PostfixLab.machine)", "expected_generation": 2, "to_generation": 1, "applied_by": "test"}"#,
            "http://127.0.0.1:\(lab.agentPort)/v1/rollback",
        ])
        #expect(rollback.status == 0, "\(rollback)\n\(lab.log)")
        await #expect(try lab.send(to: "dave@example.com", marker: "rolled-back-route").status == 0)
        await #expect(first.waitForMessage(containing: "rolled-back-route") != nil, "\(lab.postfixLog)")
        #expect(second.received.count == 1)
    }

    @Test func aListenerThatCannotBindIsRolledBackAndTheOldConfigurationStillDelivers() async throws {
        let lab = try PostfixLab()
        let sink = try PostfixSMTPSink()
        let squatter = try PostfixPortSquatter()
        defer {
            lab.stop()
            sink.stop()
            squatter.stop()
        }
        try await lab.startAgent()
        var repo = PostfixLabRepo(
            agentPort: lab.agentPort, incomingPort: lab.incomingPort, outgoingPort: lab.outgoingPort, route: "127.0.0.1:\(sink.port)")
        try repo.write(into: lab.repo)
        await #expect(try lab.strata(["apply", "--yes"]).status == 0, "\(lab.log)")

        // The new port is taken by another program: master cannot bind it after the reload.
        repo.incomingPort = squatter.port
        try repo.write(into: lab.repo)
        let started = ContinuousClock.now
        let refused = try await lab.strata(["apply", "--yes"])
        let elapsed = ContinuousClock.now - started
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.output.contains("health-failed"), "\(refused)")
        #expect(refused.output.contains("generation 1 restored"), "\(refused)")
        #expect(refused.output.contains("serves mail"), "\(refused)")
        FileHandle.standardError.write(Data("postfix e2e: failed apply with rollback took \(elapsed)\n".utf8))

        let state = try #require(try stateOf(lab))
        #expect(state.generation == 1)
        await #expect(try lab.send(to: "dave@example.com", marker: "after-rollback").status == 0)
        await #expect(sink.waitForMessage(containing: "after-rollback") != nil, "\(lab.postfixLog)")
    }

    @Test func anAddressNotOnThisHostIsRefusedBeforeAnythingSwitches() async throws {
        let lab = try PostfixLab()
        let sink = try PostfixSMTPSink()
        defer {
            lab.stop()
            sink.stop()
        }
        try await lab.startAgent()
        var repo = PostfixLabRepo(
            agentPort: lab.agentPort, incomingPort: lab.incomingPort, outgoingPort: lab.outgoingPort, route: "127.0.0.1:\(sink.port)")
        try repo.write(into: lab.repo)
        await #expect(try lab.strata(["apply", "--yes"]).status == 0, "\(lab.log)")
        let linked = try FileManager.default.destinationOfSymbolicLink(atPath: lab.configDirectory)

        repo.incomingAddress = "192.0.2.77"
        try repo.write(into: lab.repo)
        // Readdressing the interface IncomingMail binds is destructive: allowed here, so the agent's own check is what refuses.
        let refused = try await lab.strata(["apply", "--yes", "--allow-destructive"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.output.contains("invalid-configuration") || refused.output.contains("422"), "\(refused)")
        #expect(refused.output.contains("listeners[IncomingMail].interface"), "\(refused)")
        #expect(refused.output.contains("nothing was changed"), "\(refused)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: lab.configDirectory) == linked)
        #expect(try stateOf(lab)?.generation == 1)
        await #expect(try lab.send(to: "erin@example.com", marker: "still-serving").status == 0)
        await #expect(sink.waitForMessage(containing: "still-serving") != nil)
    }

    @Test func aHandEditOfMainCfIsDriftNamingTheFileAndParameter() async throws {
        let lab = try PostfixLab()
        let sink = try PostfixSMTPSink()
        defer {
            lab.stop()
            sink.stop()
        }
        try await lab.startAgent()
        let repo = PostfixLabRepo(
            agentPort: lab.agentPort, incomingPort: lab.incomingPort, outgoingPort: lab.outgoingPort, route: "127.0.0.1:\(sink.port)")
        try repo.write(into: lab.repo)
        await #expect(try lab.strata(["apply", "--yes"]).status == 0, "\(lab.log)")
        #expect(try stateOf(lab)?.backend?.drift == [])

        let main = lab.configDirectory + "/main.cf"
        let text = try String(contentsOfFile: main, encoding: .utf8)
        try (text + "smtpd_banner = $myhostname ESMTP hand-edited\n").write(toFile: main, atomically: false, encoding: .utf8)
        let drift = try #require(try stateOf(lab)?.backend?.drift)
        #expect(drift.map(\.summary) == ["main.cf: smtpd_banner added by hand: '$myhostname ESMTP hand-edited'"])
        let check = try await lab.strata(["check"])
        #expect(check.status == 2, "\(check)")
        #expect(check.output.contains("hand edit (postfix): main.cf: smtpd_banner added by hand"), "\(check)")

        // Queue health and the drift count in /metrics and `strata status`.
        let metrics = try RawHTTP.send(port: lab.agentPort, method: "GET", path: AgentAPI.metricsPath)
        #expect(metrics.text.contains("strata_agent_mail_queue_messages{queue=\"deferred\"} 0"), "\(metrics.text)")
        #expect(metrics.text.contains("strata_agent_backend_drift 1"))
        let status = try await lab.strata(["status"])
        #expect(status.output.contains("\(PostfixLab.machine): mail queue: active 0, deferred 0, hold 0, incoming 0"), "\(status)")
    }

    private func stateOf(_ lab: PostfixLab) throws -> AgentState? {
        let reply = try RawHTTP.send(port: lab.agentPort, method: "GET", path: AgentAPI.statePath, token: PostfixLab.token)
        return try reply.json.map { try AgentState(json: $0) }
    }
}
