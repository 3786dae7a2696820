import Testing
@testable import StrataCatalogue

/// The fast format checks only ever certify what the exact rules accept.
@Suite("Fast format checks")
struct FastFormatCheckTests {
    static let formats: [StringFormat] = [
        .identifier, .fqdn, .host, .ipAddress, .cidr, .route, .domainOrDefault, .destination, .addressOrDomain,
    ]
    static let alphabet: [String] = [
        "a", "Z", "x", "0", "1", "2", "5", "9", ".", "-", ":", "@", "/", "[", "]", " ", "_", "é", "\u{301}", "\t",
        "255", "256", "default", "Default", "example", "com", "mx1", "0.0", "10.2.0.1", "/24", "/33", ":25", ":0", ":65536",
    ]

    @Test func certifiedSpellingsAreAcceptedByTheExactRules() {
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var certified = 0
        for _ in 0..<30_000 {
            let text = (0..<(next() % 7)).map { _ in Self.alphabet[next() % Self.alphabet.count] }.joined()
            for format in Self.formats where FastFormatCheck.certainlyValid(text, format) {
                certified += 1
                #expect(SchemaDecoder.problem(with: text, format: format) == nil, "\(format) '\(text)'")
            }
        }
        #expect(certified > 1_000)
    }

    @Test(arguments: [
        ("mx1.example.com:25", StringFormat.destination), ("user@example.com", .addressOrDomain), (".example.com", .domainOrDefault),
        ("192.0.2.10/24", .cidr), ("10.0.0.53", .ipAddress), ("time.example.com", .fqdn), ("IncomingMail", .identifier),
    ])
    func usualSpellingsTakeTheFastPath(text: String, format: StringFormat) {
        #expect(FastFormatCheck.certainlyValid(text, format))
    }

    @Test(arguments: [
        ("Default", StringFormat.domainOrDefault), ("DEFAULT", .domainOrDefault), ("01.2.3.4", .ipAddress), ("-a.example.com", .fqdn),
        ("a..b", .host), ("mx:+25", .destination), ("[::1]:25", .destination), ("2001:db8::1", .ipAddress),
    ])
    func unusualSpellingsGoToTheExactRules(text: String, format: StringFormat) {
        #expect(!FastFormatCheck.certainlyValid(text, format))
    }
}
