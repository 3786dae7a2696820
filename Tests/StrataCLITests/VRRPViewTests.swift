import Testing
@testable import StrataCLI
import StrataApply
import StrataModel
import StrataPlan

/// `status` shows each machine's VRRP state and who holds each virtual address; `check` reports an address
/// held by two machines (split brain) as drift. Views over agent answers, without colour.
@Suite("status and check with VRRP reports")
struct VRRPViewTests {
    static func reading(_ machine: String, _ state: String, held: [String]) throws -> LiveMachine {
        let target = MachineTarget(
            cluster: ClusterName("americas"), machine: MachineName(machine),
            endpoint: .agent(url: "http://127.0.0.1:1"), requiredVersion: nil)
        let vrrp = VRRPReport(state: state, routerID: 51, interface: "Data1", addresses: ["198.51.100.100/24"], held: held)
        let answer = AgentState(
            machine: machine, version: "1", generation: 0, current: nil, configuration: nil, secretDigests: [:], history: [],
            backend: BackendReport(vrrp: vrrp))
        return LiveMachine(target: target, outcome: .success(answer))
    }

    @Test func statusShowsStatesAndHolders() throws {
        let readings = [try Self.reading("relay1.example.com", "MASTER", held: ["198.51.100.100/24"]), try Self.reading("relay2.example.com", "BACKUP", held: [])]
        let view = StatusView(clusters: [], states: readings, root: "/")
        let text = view.vrrpText(readings, style: Style(enabled: false))
        #expect(text == """
            relay1.example.com: vrrp router 51 on Data1: MASTER, holds 198.51.100.100/24
            relay2.example.com: vrrp router 51 on Data1: BACKUP, holds no virtual address
            virtual address 198.51.100.100/24: held by relay1.example.com

            """)
        #expect(view.json()["virtual_addresses"]?.rendered(pretty: false)
            == #"[{"cluster":"americas","address":"198.51.100.100/24","holders":["relay1.example.com"]}]"#)
        #expect(StatusView.json(readings[1])["vrrp"]?["state"]?.stringValue == "BACKUP")
    }

    @Test func checkReportsSplitBrainAsDrift() throws {
        let readings = [try Self.reading("relay1.example.com", "MASTER", held: ["198.51.100.100/24"]),
                        try Self.reading("relay2.example.com", "MASTER", held: ["198.51.100.100/24"])]
        let report = DriftReport(desired: [], live: readings, secrets: SecretResolver(environment: [:], baseDirectory: "/"))
        #expect(report.hasDrift)
        let text = CheckView(report: report).text(style: Style(enabled: false))
        #expect(text.contains("cluster americas: split brain: virtual address 198.51.100.100/24 is held by relay1.example.com, relay2.example.com\n"))
        #expect(text.hasSuffix("Drift found: 2 machines checked, 0 with drift, 1 virtual address held by several machines.\n"))
        #expect(CheckView(report: report).json()["summary"]?["split_brain"]?.intValue == 1)
        let healthy = DriftReport(
            desired: [], live: [readings[0], try Self.reading("relay2.example.com", "BACKUP", held: [])],
            secrets: SecretResolver(environment: [:], baseDirectory: "/"))
        #expect(!healthy.hasDrift)
    }
}
