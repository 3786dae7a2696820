import Testing
import StrataModel

/// The answer fields the postfix backend adds (warnings, drift, queue) and the wire rule they rely on:
/// a controller reads answers leniently, so fields it does not know are ignored.
@Suite("Backend answer fields")
struct PostfixAnswerFieldsTests {
    let state = AgentState(
        machine: "newyork.example.com", version: "15.5.1", generation: 0, current: nil, configuration: nil, secretDigests: [:], history: [],
        backend: BackendReport(
            warnings: [BackendWarning(backend: "postfix", feature: "text_resources", path: "listeners[IncomingMail].footer", message: "not enforced")],
            drift: [BackendDrift(backend: "postfix", file: "main.cf", parameter: "smtpd_banner", message: "added by hand: 'x'")],
            queue: QueueHealth(active: 1, deferred: 2, hold: 0, incoming: 0, oldestSeconds: 75)))

    @Test func theBackendReportRoundTrips() throws {
        let read = try AgentState(json: try JSONParser.parse(Array(state.json.rendered().utf8)))
        #expect(read == state)
        #expect(read.backend?.drift?.first?.summary == "main.cf: smtpd_banner added by hand: 'x'")
        #expect(read.backend?.queue?.summary == "active 1, deferred 2, hold 0, incoming 0, oldest 1m15s")
    }

    @Test func anAnswerWithFieldsThisControllerDoesNotKnowIsRead() throws {
        let newer = #"{"machine": "newyork.example.com", "version": "15.5.1", "generation": 0, "current": null, "configuration": null, "#
            + #""secret_digests": {}, "history": [], "vrrp": {"state": "MASTER"}, "backend": {"queue": {"active": 0, "deferred": 0, "#
            + #""hold": 0, "incoming": 0, "oldest_seconds": null, "frozen": 3}, "keepalived": {}}}"#
        let read = try AgentState(json: try JSONParser.parse(Array(newer.utf8)))
        #expect(read.generation == 0)
        #expect(read.backend?.queue == QueueHealth(active: 0, deferred: 0, hold: 0, incoming: 0, oldestSeconds: nil))
        #expect(read.backend?.drift == nil)
    }

    @Test func aStateWithoutBackendFieldsRendersAsBefore() {
        var plain = state
        plain.backend = nil
        #expect(plain.json["backend"] == nil)
        plain.backend = BackendReport()
        #expect(plain.json["backend"] == nil)
    }
}
