import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: host access table")
struct HATMappingTests {
    /// One listener `L` on 198.51.100.10 with these HAT rows (JSON) and an `example.com` RAT.
    static func render(hat: String) throws -> PostfixRendering {
        try PostfixTestSupport.render("""
            {"interfaces": [{"name": "Data1", "address": "198.51.100.10/24"}],
             "listeners": [{"name": "L", "interface": "Data1", "hat": [\(hat)],
                            "rat": [{"recipient": "example.com", "action": "accept"}]}]}
            """)
    }

    static func overrides(_ rendering: PostfixRendering) -> [String] {
        rendering.text("master.cf").split(separator: "\n").filter { $0.hasPrefix("  -o smtpd_") }.map(String.init)
    }

    @Test("address rows become one cidr table in first-match order, host bits cleared, ALL reject ends the client list")
    func addressRows() throws {
        let rendering = try Self.render(hat: """
            {"match": "10.1.2.3/8", "policy": "relay"}, {"match": "192.0.2.7", "policy": "reject"},
            {"match": "172.16.", "policy": "accept"}, {"match": "2001:db8::1/32", "policy": "accept"},
            {"match": "ALL", "policy": "reject"}, {"match": "203.0.113.0/24", "policy": "accept"}
            """)
        #expect(rendering.text("tables/hat_L.cidr") == """
            # HAT of listener L for smtpd_client_restrictions; first match wins
            10.0.0.0/8 OK
            192.0.2.7 REJECT
            172.16.0.0/16 OK
            2001:db8:0:0:0:0:0:0/32 OK

            """)
        #expect(rendering.text("tables/hat_L_relay.cidr") == """
            # HAT of listener L for smtpd_relay_restrictions; first match wins
            10.0.0.0/8 OK
            192.0.2.7 REJECT
            172.16.0.0/16 DUNNO
            2001:db8:0:0:0:0:0:0/32 DUNNO

            """)
        #expect(Self.overrides(rendering) == [
            "  -o smtpd_client_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L.cidr,reject",
            "  -o smtpd_relay_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L_relay.cidr,"
                + "check_recipient_access,texthash:/etc/postfix/tables/rat_L,reject",
        ])
    }

    @Test("when relay rows give the same table at both stages, one file serves both")
    func sharedTable() throws {
        let rendering = try Self.render(hat: #"{"match": "10.0.0.0/8", "policy": "relay"}, {"match": "ALL", "policy": "accept"}"#)
        #expect(rendering.file("tables/hat_L_relay.cidr") == nil)
        #expect(Self.overrides(rendering) == [
            "  -o smtpd_client_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L.cidr",
            "  -o smtpd_relay_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L.cidr,"
                + "check_recipient_access,texthash:/etc/postfix/tables/rat_L,reject",
        ])
    }

    @Test("host rows become texthash runs between cidr runs; a row an earlier .domain covers is left out")
    func hostRuns() throws {
        let rendering = try Self.render(hat: """
            {"match": "10.0.0.0/8", "policy": "accept"}, {"match": ".Partner.example.net", "policy": "reject"},
            {"match": "a.partner.example.net", "policy": "accept"}, {"match": "mx.example.org", "policy": "accept"},
            {"match": "192.0.2.0/24", "policy": "relay"}
            """)
        #expect(rendering.text("tables/hat_L_2") == """
            # HAT of listener L, run 2 of 3 for smtpd_client_restrictions; first match wins
            .partner.example.net REJECT
            mx.example.org OK

            """)
        // An accept row before the last relay row must stop the search: its value is the RAT as a
        // restriction class (smtpd answers 451 4.3.5 to a lookup table written inside an access map).
        #expect(rendering.text("tables/hat_L_relay_1.cidr").hasSuffix("10.0.0.0/8 strata_rat_L\n"))
        #expect(rendering.text("tables/hat_L_relay_2").hasSuffix(".partner.example.net REJECT\nmx.example.org strata_rat_L\n"))
        #expect(rendering.text("main.cf").contains("""
            # listeners: RATs named by HAT tables
            smtpd_restriction_classes = strata_rat_L
            strata_rat_L = check_recipient_access texthash:/etc/postfix/tables/rat_L reject

            """))
        #expect(Self.overrides(rendering)[0] == "  -o smtpd_client_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L_1.cidr,"
            + "check_client_access,texthash:/etc/postfix/tables/hat_L_2,check_client_access,cidr:/etc/postfix/tables/hat_L_3.cidr")
        #expect(Self.overrides(rendering)[1] == "  -o smtpd_relay_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L_relay_1.cidr,"
            + "check_client_access,texthash:/etc/postfix/tables/hat_L_relay_2,check_client_access,cidr:/etc/postfix/tables/hat_L_3.cidr,"
            + "check_recipient_access,texthash:/etc/postfix/tables/rat_L,reject")
    }

    @Test("ALL relay lets every client relay: permit ends the relay list, the RAT only serves earlier accept rows")
    func allRelay() throws {
        let rendering = try Self.render(hat: #"{"match": "192.0.2.9", "policy": "reject"}, {"match": "ALL", "policy": "relay"}"#)
        #expect(Self.overrides(rendering)[1] == "  -o smtpd_relay_restrictions=check_client_access,cidr:/etc/postfix/tables/hat_L.cidr,permit")
        #expect(!rendering.text("main.cf").contains("smtpd_restriction_classes"))
        let accept = try Self.render(hat: #"{"match": "192.0.2.9", "policy": "accept"}, {"match": "ALL", "policy": "relay"}"#)
        #expect(accept.text("tables/hat_L_relay.cidr").hasSuffix("192.0.2.9 strata_rat_L\n"))
        #expect(accept.text("main.cf").contains("smtpd_restriction_classes = strata_rat_L\n"))
    }

    @Test("tcprefuse rejects and continue is skipped, each with a warning")
    func unmappedPolicies() throws {
        let rendering = try Self.render(hat: #"{"match": "192.0.2.9", "policy": "continue"}, {"match": "192.0.2.0/24", "policy": "tcprefuse"}"#)
        #expect(rendering.text("tables/hat_L.cidr").hasSuffix("first match wins\n192.0.2.0/24 REJECT\n"))
        #expect(rendering.warningLines == [
            "listeners[L].hat[0]: HAT policy continue has no Postfix equivalent: the row is left out, so the lookup goes on to the next row",
            "listeners[L].hat[1]: HAT policy tcprefuse has no Postfix equivalent: the client is rejected with 554, not refused at TCP",
        ])
    }

    @Test("an address range has no Postfix form and is an error naming the row")
    func addressRange() throws {
        #expect(throws: PostfixRenderError(
            feature: "listeners", path: "listeners[L].hat[0]",
            message: "HAT match '10.1.1.2-10' is not an address, a CIDR block, a host name, a .domain or ALL "
                + "(address ranges have no Postfix form: write CIDR blocks)")) {
            try Self.render(hat: #"{"match": "10.1.1.2-10", "policy": "accept"}"#)
        }
    }

    @Test("a match with a newline cannot add table rows")
    func injection() throws {
        #expect(throws: PostfixRenderError.self) {
            try Self.render(hat: #"{"match": "10.0.0.0/8 OK\n0.0.0.0/0", "policy": "reject"}"#)
        }
    }
}
