import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: listeners and interfaces")
struct ListenerMappingTests {
    static let twoInterfaces = """
        "interfaces": [
          {"name": "Data1", "address": "198.51.100.10/24", "hostname": "mx1.example.com", "services": []},
          {"name": "Data2", "address": "2001:db8::10/64", "services": []}
        ]
        """

    @Test("a listener is an smtpd service bound to its interface's address and port, maxproc from max_connections")
    func listenerBecomesService() throws {
        let rendering = try PostfixTestSupport.render("""
            {\(Self.twoInterfaces),
             "listeners": [{"name": "In", "interface": "Data1", "port": 2525, "type": "public", "hat": [], "rat": [],
                            "ldap": {}, "max_connections": 70}]}
            """)
        let master = rendering.text("master.cf")
        #expect(master.contains("""
            # listener In (public) on interface Data1
            198.51.100.10:2525 inet  n       -       n       -       70      smtpd
              -o syslog_name=postfix/In
              -o myhostname=mx1.example.com
              -o smtpd_client_restrictions=
              -o smtpd_relay_restrictions=reject

            """), "master.cf:\n\(master)")
        #expect(rendering.listeners == [ProbeTarget(listener: "In", address: "198.51.100.10", port: 2525)])
        #expect(rendering.inetInterfaces == ["198.51.100.10"])
        #expect(rendering.inetProtocols == "ipv4")
        #expect(rendering.text("main.cf").contains("inet_interfaces = 198.51.100.10\ninet_protocols = ipv4\n"))
    }

    @Test("an IPv6 listener is written [address]:port and makes inet_protocols all beside an IPv4 one")
    func ipv6Listener() throws {
        let rendering = try PostfixTestSupport.render("""
            {\(Self.twoInterfaces),
             "listeners": [{"name": "A", "interface": "Data1"}, {"name": "B", "interface": "Data2", "port": 25}]}
            """)
        #expect(rendering.text("master.cf").contains("[2001:db8::10]:25 inet  n       -       n       -       50      smtpd\n"))
        #expect(rendering.inetInterfaces == ["198.51.100.10", "2001:db8::10"])
        #expect(rendering.inetProtocols == "all")
    }

    @Test("a listener on a loopback alias binds it in master.cf; inet_interfaces names 127.0.0.1, which Postfix accepts")
    func loopbackAlias() throws {
        let rendering = try PostfixTestSupport.render("""
            {"interfaces": [{"name": "Lo", "address": "127.0.0.2/8"}], "listeners": [{"name": "A", "interface": "Lo", "port": 26125}]}
            """)
        #expect(rendering.text("master.cf").contains("127.0.0.2:26125 inet  n"))
        #expect(rendering.inetInterfaces == ["127.0.0.1"])
        #expect(rendering.listeners == [ProbeTarget(listener: "A", address: "127.0.0.2", port: 26125)])
    }

    @Test("no listener: loopback-only and no smtpd service at all")
    func noListeners() throws {
        let rendering = try PostfixTestSupport.render(#"{"listeners": []}"#)
        #expect(rendering.inetInterfaces == ["loopback-only"])
        #expect(!rendering.text("master.cf").contains("smtpd"))
        #expect(rendering.listeners.isEmpty)
    }

    @Test("master.cf keeps Debian's services with chroot n, one postlog line and no stock smtp inet")
    func stockServices() throws {
        let master = try PostfixTestSupport.render("{}").text("master.cf")
        let services = master.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") }
        #expect(services.count == 24)
        #expect(services.filter { $0.hasPrefix("postlog ") } == ["postlog   unix-dgram n       -       n       -       1       postlogd"])
        #expect(!services.contains { $0.contains(" inet ") })
        for service in services {
            let columns = service.split(separator: " ")
            #expect(columns[4] == "n", "chroot not n: \(service)")
        }
    }

    @Test("a listener on an interface the machine lacks is an error naming the path")
    func missingInterface() throws {
        #expect(throws: PostfixRenderError(
            feature: "listeners", path: "listeners[In].interface", message: "interface 'Data9' is not configured on this machine")) {
            try PostfixTestSupport.render(#"{"interfaces": [], "listeners": [{"name": "In", "interface": "Data9"}]}"#)
        }
    }

    @Test("two listeners on one address and port are refused")
    func duplicateBinding() throws {
        #expect(throws: PostfixRenderError(
            feature: "listeners", path: "listeners[B]", message: "another listener already binds 198.51.100.10:25")) {
            try PostfixTestSupport.render("""
                {\(Self.twoInterfaces), "listeners": [{"name": "A", "interface": "Data1"}, {"name": "B", "interface": "Data1"}]}
                """)
        }
    }

    @Test("a listener name that could escape the tables directory is refused")
    func hostileName() throws {
        #expect(throws: PostfixRenderError.self) {
            try PostfixTestSupport.render("""
                {\(Self.twoInterfaces), "listeners": [{"name": "../x", "interface": "Data1"}]}
                """)
        }
    }
}
