import Testing
import StrataModel
import StrataPostfix

/// Listeners on the failover interface also bind each virtual address (a master.cf service per address,
/// same options); the addresses are neither probed nor in inet_interfaces (only their holder has them).
@Suite("Postfix listeners on the failover interface")
struct FailoverListenerTests {
    let configuration = """
        {
          "interfaces": [
            {"name": "Data1", "address": "198.51.100.11/24"},
            {"name": "Lo", "address": "127.0.0.1/8"}
          ],
          "listeners": [
            {"name": "IncomingMail", "interface": "Data1", "port": 25, "max_connections": 20},
            {"name": "Local", "interface": "Lo", "port": 2526}
          ],
          "failover": {"router_id": 51, "interface": "Data1", "addresses": ["198.51.100.100/24", "198.51.100.101/24"], "advert_interval": 1,
            "secret": {"secret": "env:VRRP_SECRET"}, "preempt": true, "monitor": {"listener": "IncomingMail", "interval": 1, "fall": 2, "rise": 2},
            "peers": [{"machine": "relay2.example.com", "address": "198.51.100.12", "priority": 100}]},
          "failover_priority": 150
        }
        """

    @Test("each virtual address gets its own smtpd service with the listener's options")
    func masterLines() throws {
        let rendering = try PostfixTestSupport.render(configuration)
        let master = rendering.text("master.cf")
        #expect(master.contains("# listener IncomingMail on failover address 198.51.100.100\n198.51.100.100:25 inet  n       -       n       -       20      smtpd\n"))
        #expect(master.contains("# listener IncomingMail on failover address 198.51.100.101\n198.51.100.101:25 inet  n       -       n       -       20      smtpd\n"))
        #expect(!master.contains("198.51.100.100:2526"))
        #expect(rendering.virtualAddresses == ["198.51.100.100", "198.51.100.101"])
        #expect(rendering.listeners.map(\.address) == ["198.51.100.11", "127.0.0.1"])
        #expect(rendering.inetInterfaces == ["127.0.0.1", "198.51.100.11"])
    }

    @Test("without failover nothing is added")
    func noFailover() throws {
        let withoutFailover = try JSONParser.parse(configuration)
        guard case .object(let fields) = withoutFailover else { return }
        let json = JSON.object(fields.filter { $0.0 != "failover" && $0.0 != "failover_priority" })
        let rendering = try PostfixRenderer.render(configuration: json, machine: "mx.example.com", secrets: .references, layout: PostfixTestSupport.defaultLayout)
        #expect(rendering.virtualAddresses.isEmpty)
        #expect(!rendering.text("master.cf").contains("failover"))
    }
}
