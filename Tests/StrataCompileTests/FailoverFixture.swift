import StrataModel
import StrataCompile
import StrataTestSupport

/// A one-cluster repository with a failover pair (m1 priority 150, m2 priority 100 on Data1 192.0.2.0/24), and
/// its diagnostics as `CODE file:line:column message` lines.
enum FailoverFixture {
    static let cluster = """
        settings:
          listeners:
            - {name: In, interface: Data1, port: 25}

        """

    /// The group file with a failover; `addresses`, `routerID` and `extra` lines vary it.
    static func group(addresses: String = "[\"192.0.2.100/24\"]", routerID: Int = 51, interface: String = "Data1", extra: String = "") -> String {
        """
        settings:
          failover:
            router_id: \(routerID)
            interface: \(interface)
            addresses: \(addresses)
            secret: {env: VRRP_SECRET}
            monitor: {listener: In}
        \(extra)
        """
    }

    /// A machine of `group` with Data1 at 192.0.2.<octet>/24 and, unless nil, a failover_priority.
    static func machine(octet: Int, priority: Int?, group: String = "main", extra: String = "") -> String {
        var text = "group: \(group)\nsettings:\n  interfaces:\n    - {name: Data1, address: 192.0.2.\(octet)/24}\n\(extra)"
        if let priority { text += "  failover_priority: \(priority)\n" }
        return text
    }

    static let pair = [
        "m1.example.com": machine(octet: 11, priority: 150),
        "m2.example.com": machine(octet: 12, priority: 100),
    ]

    static func files(cluster: String = cluster, group: String = group(), machines: [String: String] = pair) -> [String: String] {
        minimalCluster(cluster: cluster, group: group, machines: machines)
    }

    /// Every diagnostic of compiling `files`, sorted, one line each.
    static func findings(_ files: [String: String]) throws -> [String] {
        try compile(files).diagnostics.sorted.map { "\($0.code.rawValue) \($0.location) \($0.message)" }
    }

    static func compile(_ files: [String: String]) throws -> CompilationResult {
        try TempRepo(files).compile()
    }
}
