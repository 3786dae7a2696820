import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: recipient access table")
struct RATMappingTests {
    static func render(rat: String, listeners extra: String = "") throws -> PostfixRendering {
        try PostfixTestSupport.render("""
            {"interfaces": [{"name": "Data1", "address": "198.51.100.10/24"}],
             "listeners": [{"name": "L", "interface": "Data1", "hat": [], "rat": [\(rat)]}\(extra)]}
            """)
    }

    @Test("RAT rows become a texthash table checked at the relay stage; unlisted recipients are rejected")
    func table() throws {
        let rendering = try Self.render(rat: """
            {"recipient": "Example.com", "action": "accept"}, {"recipient": ".example.com", "action": "accept"},
            {"recipient": "postmaster@example.org", "action": "accept"}, {"recipient": "spam.example.com", "action": "reject"}
            """)
        #expect(rendering.text("tables/rat_L") == """
            # RAT of listener L; recipients not listed: reject
            example.com OK
            .example.com OK
            postmaster@example.org OK

            """)
        #expect(rendering.text("master.cf").contains(
            "  -o smtpd_relay_restrictions=check_recipient_access,texthash:/etc/postfix/tables/rat_L,reject\n"))
        #expect(rendering.text("main.cf").contains("relay_domains = example.com, .example.com, example.org\n"))
    }

    @Test("ALL accept ends the list with permit; rows after ALL are unreachable")
    func allAccept() throws {
        let rendering = try Self.render(rat: """
            {"recipient": "bad@example.com", "action": "reject"}, {"recipient": "ALL", "action": "accept"},
            {"recipient": "example.org", "action": "reject"}
            """)
        #expect(rendering.text("tables/rat_L") == "# RAT of listener L; recipients not listed: permit\nbad@example.com REJECT\n")
        #expect(rendering.text("master.cf").contains(
            "  -o smtpd_relay_restrictions=check_recipient_access,texthash:/etc/postfix/tables/rat_L,permit\n"))
    }

    @Test("an address under an earlier domain row is left out (first match wins, texthash would prefer the address)")
    func shadowed() throws {
        let rendering = try Self.render(rat: """
            {"recipient": "example.com", "action": "reject"}, {"recipient": "ceo@example.com", "action": "accept"},
            {"recipient": "joe@", "action": "accept"}, {"recipient": "example.net", "action": "reject"}
            """)
        #expect(rendering.text("tables/rat_L") == """
            # RAT of listener L; recipients not listed: reject
            example.com REJECT
            joe@ OK
            example.net REJECT

            """)
        #expect(rendering.warningLines == [
            "listeners[L].rat[3]: Postfix looks up user@ rows after address and domain rows: this row wins over an earlier user@ row",
        ])
    }

    @Test("an empty RAT rejects every recipient not relayed by the HAT")
    func empty() throws {
        let rendering = try Self.render(rat: "")
        #expect(rendering.file("tables/rat_L") == nil)
        #expect(rendering.text("master.cf").contains("  -o smtpd_relay_restrictions=reject\n"))
        #expect(rendering.text("main.cf").contains("relay_domains =\n"))
    }
}
