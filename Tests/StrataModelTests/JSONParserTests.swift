import Testing
import StrataModel

/// The hand-written JSON parser that reads untrusted agent requests and answers, tested directly:
/// every refusal with its exact message and byte offset.
@Suite("JSON parser")
struct JSONParserTests {
    /// `message at byte N` of a refused document, or "accepted".
    static func failure(_ text: String, maxDepth: Int = 64) -> String {
        failure(Array(text.utf8), maxDepth: maxDepth)
    }

    static func failure(_ bytes: [UInt8], maxDepth: Int = 64) -> String {
        do {
            _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func valuesKeepTheirTypesAndObjectsTheirKeyOrder() throws {
        let value = try JSONParser.parse(#" { "z": 1, "a": [true, false, null, -42, "x"], "m": {} } "#)
        #expect(value == .object([
            ("z", .int(1)), ("a", .array([.bool(true), .bool(false), .null, .int(-42), .string("x")])), ("m", .object([])),
        ]))
        #expect(value.objectKeys == ["z", "a", "m"])
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("\t\r\n 7 \n") == .int(7))
    }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u20AC""#, "Aé€"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD834\uDD1E tail""#, "𝄞 tail"),
        (#""raw é 😀""#, "raw é 😀"),
        (#""\u0000""#, "\u{0}"),
        (#""""#, ""),
    ])
    func stringEscapesDecodeToTheirScalars(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test(arguments: [
        (#""\ud83d""#, "unpaired surrogate at byte 7"),
        (#""\ud83d x""#, "unpaired surrogate at byte 7"),
        (#""\ud83d\u0041""#, "unpaired surrogate at byte 13"),
        (#""\ude00""#, "invalid code point at byte 7"),
        (#""\u12""#, "invalid \\u escape at byte 3"),
        (#""\u12G4""#, "invalid \\u escape at byte 3"),
        (#""\x""#, "invalid escape at byte 3"),
        (#""abc"#, "unterminated string at byte 4"),
        ("\"\\", "unterminated escape at byte 2"),
        ("\"a\tb\"", "control character in string at byte 2"),
    ])
    func badStringsAreRefusedAtTheirOffset(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test func invalidUTF8IsReportedAtTheStringsStart() {
        #expect(Self.failure([0x5B, 0x22, 0x61, 0xC3, 0x28, 0x22, 0x5D]) == "invalid UTF-8 in string at byte 1")
        #expect(Self.failure([0x22, 0xED, 0xA0, 0x80, 0x22]) == "invalid UTF-8 in string at byte 0")
    }

    @Test(arguments: [
        ("0", "accepted"), ("-0", "accepted"), ("9223372036854775807", "accepted"), ("-9223372036854775808", "accepted"),
        ("9223372036854775808", "integer out of range at byte 19"),
        ("1.5", "only integers are used in Strata documents at byte 1"),
        ("1e3", "only integers are used in Strata documents at byte 1"),
        ("2E3", "only integers are used in Strata documents at byte 1"),
        ("-", "invalid value at byte 1"),
        ("+1", "invalid value at byte 0"),
        (".5", "invalid value at byte 0"),
        ("[1,]", "invalid value at byte 3"),
    ])
    func numbersAreIntegersOnly(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test func integersKeepTheirValue() throws {
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int.min))
        #expect(try JSONParser.parse("007") == .int(7))
    }

    @Test func nestingIsLimited() {
        #expect(Self.failure(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == "accepted")
        #expect(Self.failure(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == "nesting deeper than 64 at byte 64")
        #expect(Self.failure(#"{"a":{"b":[1]}}"#, maxDepth: 4) == "accepted")
        #expect(Self.failure(#"{"a":{"b":[1]}}"#, maxDepth: 3) == "nesting deeper than 3 at byte 11")
        #expect(Self.failure(#"{"a":{"b":[1]}}"#, maxDepth: 2) == "nesting deeper than 2 at byte 10")
        #expect(Self.failure("1", maxDepth: 0) == "nesting deeper than 0 at byte 0")
        // A hostile depth costs a refusal, not a stack overflow.
        #expect(Self.failure(String(repeating: "[", count: 100_000)) == "nesting deeper than 64 at byte 64")
    }

    @Test(arguments: [
        ("{} x", "unexpected data after the document at byte 3"),
        ("1 2", "unexpected data after the document at byte 2"),
        ("[1]]", "unexpected data after the document at byte 3"),
        (#""a""b""#, "unexpected data after the document at byte 3"),
        ("null\u{0}", "unexpected data after the document at byte 4"),
    ])
    func trailingGarbageIsRefused(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate key 'a' at byte 10"),
        (#"{"a":1,"\u0061":2}"#, "duplicate key 'a' at byte 15"),
        (#"{"a":{"b":1},"c":{"b":2}}"#, "accepted"),
    ])
    func duplicateKeysAreRefused(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test(arguments: [
        ("", "unexpected end of input at byte 0"),
        ("   ", "unexpected end of input at byte 3"),
        ("tru", "invalid literal at byte 0"),
        ("nul", "invalid literal at byte 0"),
        ("True", "invalid value at byte 0"),
        ("[1 2]", "expected , or ] at byte 3"),
        ("[1", "unterminated array at byte 2"),
        ("[", "unexpected end of input at byte 1"),
        ("{", "expected a key at byte 1"),
        ("{a:1}", "expected a key at byte 1"),
        (#"{"a" 1}"#, "expected : at byte 5"),
        (#"{"a":1 "b":2}"#, "expected , or } at byte 7"),
        (#"{"a":1"#, "unterminated object at byte 6"),
        (#"{"a":}"#, "invalid value at byte 5"),
        ("{,}", "expected a key at byte 1"),
    ])
    func structuralErrorsNameTheirPlace(text: String, expected: String) {
        #expect(Self.failure(text) == expected)
    }

    @Test func renderingAndParsingRoundTrip() throws {
        let value = JSON.object([
            ("text", .string("line\nquote\" back\\ tab\t bell\u{07} é 😀")), ("list", .array([.int(-1), .null, .bool(true)])),
            ("nested", .object([("empty", .object([])), ("none", .array([]))])),
        ])
        #expect(try JSONParser.parse(value.rendered()) == value)
        #expect(try JSONParser.parse(value.rendered(pretty: false)) == value)
    }

    @Test func theFailureCarriesMessageAndOffsetApart() throws {
        do {
            _ = try JSONParser.parse(#"{"a":1,}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "expected a key")
            #expect(error.offset == 7)
            #expect(error.description == "expected a key at byte 7")
        }
    }
}
