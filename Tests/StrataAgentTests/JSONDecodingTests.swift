import Foundation
import Testing
import StrataModel
import StrataState

/// The shared JSON parser on hostile strings: linear time however many escapes, exact results,
/// invalid UTF-8 and deep nesting refused; and the agent turning the latter into a 400.
@Suite("JSON decoding")
struct JSONDecodingTests {
    /// Seconds a parse took (the bounds below are hang guards: ~10x the time of a debug build on a loaded
    /// 2-core machine, where 5 s was once exceeded; a quadratic decoder would take hours).
    func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func manyUnicodeEscapesDecodeInLinearTime() throws {
        let count = 650_000
        let document = Array("\"".utf8) + Array(repeating: Array(#"\u0041"#.utf8), count: count).flatMap { $0 } + Array("\"".utf8)
        var decoded: JSON?
        let seconds = try timed { decoded = try JSONParser.parse(document) }
        #expect(seconds < 30, "650k \\u escapes took \(seconds)s")
        #expect(decoded == .string(String(repeating: "A", count: count)))
    }

    @Test func manyNewlineEscapesDecodeInLinearTime() throws {
        let count = 2_600_000
        var document: [UInt8] = [UInt8(ascii: "\"")]
        document.reserveCapacity(count * 2 + 2)
        for _ in 0..<count { document.append(contentsOf: [92, UInt8(ascii: "n")]) }
        document.append(UInt8(ascii: "\""))
        var decoded: JSON?
        let seconds = try timed { decoded = try JSONParser.parse(document) }
        #expect(seconds < 30, "2.6M \\n escapes took \(seconds)s")
        #expect(decoded?.stringValue?.utf8.count == count)
        #expect(decoded?.stringValue?.utf8.allSatisfy { $0 == 10 } == true)
    }

    @Test func escapesAndRawTextDecodeExactly() throws {
        let text = #""a\"b\\c\/d\b\f\n\r\t é€ \u00e9\u20AC\ud83d\ude00😀 end""#
        let decoded = try JSONParser.parse(text)
        #expect(decoded == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t é€ é€😀😀 end"))
        let original = JSON.string("tab\t nul\u{0} quote\" emoji 😀 bell\u{07}")
        #expect(try JSONParser.parse(original.rendered()) == original)
    }

    @Test(arguments: [
        ([0x22, 0xFF, 0x22], "invalid UTF-8 in string at byte 0"),
        ([0x22, 0x61, 0xC3, 0x22], "invalid UTF-8 in string at byte 0"),
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 in string at byte 0"),
        (Array(#""\udc00""#.utf8), "invalid code point at byte 7"),
        (Array(#""\ud800x""#.utf8), "unpaired surrogate at byte 7"),
        (Array(#""\u12G4""#.utf8), #"invalid \u escape at byte 3"#),
    ] as [([UInt8], String)])
    func badStringsAreRefused(bytes: [UInt8], message: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
        do { _ = try JSONParser.parse(bytes) } catch { #expect(error.description == message) }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let shallow = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        #expect(throws: Never.self) { try AgentBody.json(Array(shallow.utf8)) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try AgentBody.json(Array(deep.utf8))
            Issue.record("100,000 nested arrays were accepted")
        } catch {
            #expect(error.message == "the body is not valid JSON: nesting deeper than 64 at byte 64")
        }
    }

    @Test func invalidUTF8InAnApplyIsABadRequestAndChangesNothing() async throws {
        let sandbox = try AgentSandbox()
        let agent = try await sandbox.start()
        let valid = Array(Fixtures.apply(expected: 0, configuration: Fixtures.configuration(text: "MARK")).rendered().utf8)
        let mark = Array("MARK".utf8)
        let at = try #require((0...(valid.count - mark.count)).first { Array(valid[$0..<($0 + mark.count)]) == mark })
        var body = valid
        body.replaceSubrange(at..<(at + mark.count), with: [0x41, 0xFF, 0xFE, 0x42])
        let reply = try RawHTTP.send(port: agent.port, method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: body)
        #expect(reply.status == 400, "\(reply.text)")
        #expect(reply.errorCode == "malformed")
        #expect(reply.json?["error"]?["message"]?.stringValue?.contains("invalid UTF-8 in string") == true, "\(reply.text)")
        #expect(try StateStore(directory: sandbox.stateDirectory).currentNumber() == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.backendFile))
        #expect(sandbox.markerLines().isEmpty)
    }
}
