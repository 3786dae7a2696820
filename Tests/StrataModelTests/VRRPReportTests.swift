import Testing
import StrataModel

/// The VRRP answer fields (agent → controller): read leniently, so an older controller reads a newer
/// agent and a newer controller reads an answer with fields it does not know.
@Suite("VRRP answer fields")
struct VRRPReportTests {
    let answer = """
        {"machine": "relay1.example.com", "version": "15.5.1", "generation": 3, "current": null, "configuration": null,
         "secret_digests": {}, "history": [], "future_top_level": {"x": 1},
         "backend": {"vrrp": {"state": "MASTER", "router_id": 51, "interface": "Data1", "addresses": ["198.51.100.100/24"],
                              "held": ["198.51.100.100/24"], "priority_now": 150, "since": "2026-12-01T19:00:00Z"},
                     "future_backend_field": [1, 2]}}
        """

    @Test func aStateAnswerWithUnknownFieldsStillParsesWithItsVRRPReport() throws {
        let state = try AgentState(json: try JSONParser.parse(answer))
        #expect(state.backend?.vrrp == VRRPReport(
            state: "MASTER", routerID: 51, interface: "Data1", addresses: ["198.51.100.100/24"], held: ["198.51.100.100/24"]))
    }

    @Test func theJSONFormRoundTrips() throws {
        let report = BackendReport(vrrp: VRRPReport(state: "BACKUP", routerID: 7, interface: "Data2", addresses: ["198.51.100.7/24"], held: []))
        #expect(report.json.rendered(pretty: false)
            == #"{"vrrp":{"state":"BACKUP","router_id":7,"interface":"Data2","addresses":["198.51.100.7/24"],"held":[]}}"#)
        #expect(BackendReport(json: report.json) == report)
        #expect(VRRPReport(json: try JSONParser.parse(#"{"router_id": 1}"#)) == nil)
    }

    @Test func holdersPerAddressFindSplitBrainAndNobody() {
        let both = VRRPReport(state: "MASTER", routerID: 51, interface: "Data1", addresses: ["198.51.100.100/24", "198.51.100.101/24"],
                              held: ["198.51.100.100/24"])
        let holdings = VirtualAddressHolding.find([
            (cluster: "americas", machine: "relay2.example.com", vrrp: both),
            (cluster: "americas", machine: "relay1.example.com", vrrp: both),
            (cluster: "americas", machine: "relay3.example.com", vrrp: nil),
        ])
        #expect(holdings == [
            VirtualAddressHolding(cluster: "americas", address: "198.51.100.100/24", holders: ["relay1.example.com", "relay2.example.com"]),
            VirtualAddressHolding(cluster: "americas", address: "198.51.100.101/24", holders: []),
        ])
        #expect(holdings.map(\.isSplitBrain) == [true, false])
    }
}
