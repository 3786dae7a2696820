import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: LDAP and SMTP auth")
struct LDAPMappingTests {
    static let ldap = """
        "ldap": {"servers": [{"name": "corp", "hosts": ["ldap1.example.com", "ldap2.example.com"], "port": 636,
                              "base_dn": "dc=example,dc=com", "bind_dn": "cn=strata,dc=example,dc=com",
                              "bind_password": {"secret": "env:LDAP_PW"}},
                             {"name": "open", "hosts": ["ldap.example.org"], "base_dn": "dc=example,dc=org"}],
                 "queries": [{"name": "accept_users", "server": "corp", "type": "accept", "filter": "(mail={a})"},
                             {"name": "routes", "server": "open", "type": "routing", "filter": "(&(mail={a})(ou=100%))"},
                             {"name": "groups", "server": "open", "type": "group", "filter": "(member={a})"},
                             {"name": "auth_users", "server": "corp", "type": "smtp_auth", "filter": "(uid={u})"}]},
        "smtp_auth_profiles": [{"name": "corp_auth", "ldap_query": "auth_users"}],
        "interfaces": [{"name": "Data1", "address": "198.51.100.10/24"}, {"name": "Data2", "address": "203.0.113.10/24"}]
        """

    static func render(_ listeners: String, secrets: PostfixSecrets = .references) throws -> PostfixRendering {
        try PostfixTestSupport.render("{\(ldap), \"listeners\": [\(listeners)]}", secrets: secrets)
    }

    @Test("an accept query is the listener's relay_recipient_maps; its .cf holds the bind secret and is 0600")
    func acceptQuery() throws {
        let rendering = try Self.render(
            #"{"name": "In", "interface": "Data1", "ldap": {"accept": "accept_users"}}"#, secrets: .resolved(["env:LDAP_PW": "s3cret"]))
        let table = try #require(rendering.file("tables/ldap_accept_users.cf"))
        #expect(table.mode == 0o600)
        #expect(table.content == """
            # LDAP query accept_users (accept) on server corp
            server_host = ldaps://ldap1.example.com:636 ldaps://ldap2.example.com:636
            version = 3
            search_base = dc=example,dc=com
            query_filter = (mail=%s)
            result_attribute = mail
            bind = yes
            bind_dn = cn=strata,dc=example,dc=com
            bind_pw = s3cret

            """)
        #expect(rendering.text("master.cf").contains("  -o relay_recipient_maps=ldap:/etc/postfix/tables/ldap_accept_users.cf\n"))
    }

    @Test("strata render writes the secret's reference, never a value")
    func references() throws {
        let rendering = try Self.render(#"{"name": "In", "interface": "Data1", "ldap": {"accept": "accept_users"}}"#)
        #expect(rendering.text("tables/ldap_accept_users.cf").contains("bind_pw = env:LDAP_PW\n"))
    }

    @Test("a secret the agent was not given, or one with a newline, is an error naming the server")
    func badSecrets() throws {
        let listener = #"{"name": "In", "interface": "Data1", "ldap": {"accept": "accept_users"}}"#
        #expect(throws: PostfixRenderError(
            feature: "ldap", path: "ldap.servers[corp].bind_password", message: "secret env:LDAP_PW was not supplied")) {
            try Self.render(listener, secrets: .resolved([:]))
        }
        #expect(throws: PostfixRenderError(
            feature: "ldap", path: "ldap.servers[corp].bind_password", message: "secret env:LDAP_PW must be one line of text")) {
            try Self.render(listener, secrets: .resolved(["env:LDAP_PW": "a\nbind_pw = b"]))
        }
    }

    @Test("a routing query is the instance's virtual_alias_maps (reported for listeners that did not ask); group is unmapped")
    func routingAndGroup() throws {
        let rendering = try Self.render("""
            {"name": "In", "interface": "Data1", "ldap": {"routing": "routes", "group": "groups"}},
            {"name": "Out", "interface": "Data2"}
            """)
        #expect(rendering.text("main.cf").contains("virtual_alias_maps = ldap:/etc/postfix/tables/ldap_routes.cf\n"))
        let table = try #require(rendering.file("tables/ldap_routes.cf"))
        #expect(table.mode == 0o644)
        #expect(table.content.contains("server_host = ldap://ldap.example.org:389\n"))
        #expect(table.content.contains("query_filter = (&(mail=%s)(ou=100%%))\nresult_attribute = mailRoutingAddress\nbind = no\n"))
        #expect(rendering.warningLines == [
            "listeners[In].ldap.group: LDAP group queries have no Postfix mapping: not used",
            "listeners[Out].ldap.routing: LDAP routing applies to every listener of the instance in Postfix, this one included",
        ])
    }

    @Test("an SMTP auth profile is Cyrus SASL through saslauthd's LDAP back end, permitting authenticated relaying")
    func smtpAuth() throws {
        let rendering = try Self.render(#"{"name": "Out", "interface": "Data2", "type": "private", "smtp_auth_profile": "corp_auth"}"#)
        #expect(rendering.text("sasl/corp_auth.conf") == """
            # Cyrus SASL application corp_auth (SMTP auth profile corp_auth)
            pwcheck_method: saslauthd
            mech_list: PLAIN LOGIN

            """)
        let saslauthd = try #require(rendering.file("sasl/saslauthd_corp_auth.conf"))
        #expect(saslauthd.mode == 0o600)
        #expect(saslauthd.content == """
            # saslauthd -a ldap -O /etc/postfix/sasl/saslauthd_corp_auth.conf (LDAP query auth_users)
            ldap_servers: ldaps://ldap1.example.com:636/ ldaps://ldap2.example.com:636/
            ldap_version: 3
            ldap_search_base: dc=example,dc=com
            ldap_filter: (uid=%u)
            ldap_bind_dn: cn=strata,dc=example,dc=com
            ldap_password: env:LDAP_PW

            """)
        #expect(rendering.text("master.cf").contains("""
              -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
              -o smtpd_sasl_auth_enable=yes
              -o smtpd_sasl_type=cyrus
              -o smtpd_sasl_path=corp_auth

            """))
        #expect(rendering.text("main.cf").contains("cyrus_sasl_config_path = /etc/postfix/sasl\n"))
        #expect(rendering.warningLines == [
            "smtp_auth_profiles[corp_auth]: SMTP AUTH needs saslauthd running with sasl/saslauthd_corp_auth.conf; the Postfix backend does not start it",
        ])
    }

    @Test("a query of the wrong type is an error at the listener's reference")
    func wrongType() throws {
        #expect(throws: PostfixRenderError(
            feature: "listeners", path: "listeners[In].ldap.accept", message: "LDAP query 'routes' of type accept is not configured on this machine")) {
            try Self.render(#"{"name": "In", "interface": "Data1", "ldap": {"accept": "routes"}}"#)
        }
    }
}
