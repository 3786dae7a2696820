import Testing
import StrataModel

/// The wire error codes: the agent writes the known ones, the controller reads any code leniently.
@Suite("Agent error codes")
struct AgentErrorCodeTests {
    @Test func everyKnownCodeReadsBackAsItself() {
        for code in AgentErrorCode.known { #expect(AgentErrorCode(rawValue: code.rawValue) == code) }
        #expect(AgentErrorCode.known.map(\.rawValue) == [
            "unauthorized", "not-found", "malformed", "too-large", "wrong-machine", "conflict", "invalid-configuration",
            "apply-failed", "health-failed", "internal",
        ])
    }

    @Test func anUnknownCodeFromANewerAgentIsKeptAsSent() throws {
        let body = AgentErrorBody(body: Array(#"{"error": {"code": "queue-frozen", "message": "the queue is frozen"}}"#.utf8))
        #expect(body?.code == .unknown("queue-frozen"))
        #expect(body?.json.rendered(pretty: false) == #"{"error":{"code":"queue-frozen","message":"the queue is frozen"}}"#)
    }
}
