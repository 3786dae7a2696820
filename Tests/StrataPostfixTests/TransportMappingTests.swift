import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: routes, destination controls, global unsubscribe")
struct TransportMappingTests {
    @Test("smtp_routes become transport entries with their next hops in order; default is *, /dev/null is discard:")
    func routes() throws {
        let rendering = try PostfixTestSupport.render("""
            {"smtp_routes": [
               {"domain": "example.com", "destinations": ["mail1.example.com:2525", "192.0.2.5", "[2001:db8::5]:25"]},
               {"domain": ".example.com", "destinations": ["mail1.example.com"]},
               {"domain": "junk.example.org", "destinations": ["/dev/null"]},
               {"domain": "default", "destinations": ["smarthost.example.net:587"]}]}
            """)
        #expect(rendering.text("tables/transport") == """
            # Transport map: smtp_routes, destination_controls and global_unsubscribe
            example.com smtp:[mail1.example.com]:2525, [192.0.2.5], [2001:db8::5]:25
            .example.com smtp:[mail1.example.com]
            junk.example.org discard:
            * smtp:[smarthost.example.net]:587

            """)
        #expect(rendering.text("main.cf").contains("transport_maps = texthash:/etc/postfix/tables/transport\n"))
    }

    @Test("a route mixing /dev/null with hosts is an error")
    func mixedDiscard() throws {
        #expect(throws: PostfixRenderError(
            feature: "smtp_routes", path: "smtp_routes[example.com].destinations", message: "a route cannot mix /dev/null with hosts")) {
            try PostfixTestSupport.render(#"{"smtp_routes": [{"domain": "example.com", "destinations": ["/dev/null", "mx.example.com"]}]}"#)
        }
    }

    @Test("each destination control is a cloned smtp transport with its TLS level, reuse limit and concurrency limit")
    func destinationControls() throws {
        let rendering = try PostfixTestSupport.render("""
            {"smtp_routes": [{"domain": "example.com", "destinations": ["mx.example.com"]},
                             {"domain": "a.partner.example", "destinations": ["mx.partner.example"]}],
             "destination_controls": [
               {"destination": "default", "max_connections": 500, "max_messages_per_connection": 50, "tls": "preferred"},
               {"destination": ".partner.example", "max_connections": 5, "max_messages_per_connection": 10, "tls": "required"},
               {"destination": "bank.example", "max_connections": 2, "max_messages_per_connection": 1, "tls": "off"}]}
            """)
        #expect(rendering.text("master.cf").hasSuffix("""
            # destination_controls default
            dc_default unix  -       -       n       -       -       smtp
              -o syslog_name=postfix/dc_default
              -o smtp_tls_security_level=may
              -o smtp_connection_reuse_count_limit=49
            # destination_controls .partner.example
            dc_sub_partner_example unix  -       -       n       -       -       smtp
              -o syslog_name=postfix/dc_sub_partner_example
              -o smtp_tls_security_level=encrypt
              -o smtp_connection_reuse_count_limit=9
            # destination_controls bank.example
            dc_bank_example unix  -       -       n       -       -       smtp
              -o syslog_name=postfix/dc_bank_example
              -o smtp_tls_security_level=none
              -o smtp_connection_cache_on_demand=no

            """))
        let main = rendering.text("main.cf")
        #expect(main.contains("""
            default_transport = dc_default:
            relay_transport = dc_default:
            dc_default_destination_concurrency_limit = 500
            dc_sub_partner_example_destination_concurrency_limit = 5
            dc_bank_example_destination_concurrency_limit = 2

            """))
        #expect(rendering.text("tables/transport").hasSuffix("""
            example.com dc_default:[mx.example.com]
            a.partner.example dc_sub_partner_example:[mx.partner.example]
            .partner.example dc_sub_partner_example:
            bank.example dc_bank_example:

            """))
    }

    @Test("global_unsubscribe addresses and domains are discarded, winning over a route for the same key")
    func unsubscribe() throws {
        let rendering = try PostfixTestSupport.render("""
            {"smtp_routes": [{"domain": "spam.example.net", "destinations": ["mx.example.net"]}],
             "global_unsubscribe": ["Gone@Example.org", "spam.example.net"]}
            """)
        #expect(rendering.text("tables/transport") == """
            # Transport map: smtp_routes, destination_controls and global_unsubscribe
            gone@example.org discard:
            spam.example.net discard:

            """)
    }
}
