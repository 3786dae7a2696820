import Foundation
import StrataModel
import StrataTestSupport

/// Canonical configurations shaped exactly as the failover contract (COMMON.md) says the compiler
/// produces them, for a pair relay1 (150) / relay2 (100) on Data1.
enum KeepalivedFixtures {
    static let goldenRoot = TestPaths.packageRoot.appendingPathComponent("Tests/StrataKeepalivedTests/Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }

    /// One relay's configuration; `failover` nil leaves the feature out.
    static func relay(
        address: String = "198.51.100.11/24", priority: Int = 150, preempt: Bool = true,
        peers: [(String, String, Int)] = [("relay2.example.com", "198.51.100.12", 100)], port: Int = 25,
        failover: Bool = true, addresses: [String] = ["198.51.100.100/24"]
    ) -> String {
        let peerText = peers.map { #"{"machine": "\#($0.0)", "address": "\#($0.1)", "priority": \#($0.2)}"# }.joined(separator: ", ")
        let addressText = addresses.map { "\"\($0)\"" }.joined(separator: ", ")
        let failoverText = failover ? """
            ,
              "failover": {"router_id": 51, "interface": "Data1", "addresses": [\(addressText)], "advert_interval": 1,
                "secret": {"secret": "env:VRRP_SECRET"}, "preempt": \(preempt),
                "monitor": {"listener": "IncomingMail", "interval": 1, "fall": 2, "rise": 2},
                "peers": [\(peerText)]},
              "failover_priority": \(priority)
            """ : ""
        return """
            {
              "interfaces": [
                {"name": "Management", "address": "127.0.0.1/8"},
                {"name": "Data1", "address": "\(address)", "hostname": "relay.example.com"}
              ],
              "listeners": [{"name": "IncomingMail", "interface": "Data1", "port": \(port), "type": "public"}]\(failoverText)
            }
            """
    }

    static func json(_ text: String) throws -> JSON { try JSONParser.parse(text) }
}
