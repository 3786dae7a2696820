// Golden files: keepalived.conf for two relays of the failover contract's pair. After an intended
// change of the renderer, re-record and review:  STRATA_RECORD=1 swift test --filter KeepalivedGoldenTests

import Foundation
import Testing
import StrataKeepalived
import StrataModel

@Suite("keepalived golden files")
struct KeepalivedGoldenTests {
    static let cases: [(name: String, machine: String, configuration: String, devices: [String: String])] = [
        ("relay1.conf", "relay1.example.com", KeepalivedFixtures.relay(), ["Data1": "veth-r1"]),
        ("relay2-nopreempt.conf", "relay2.example.com",
         KeepalivedFixtures.relay(
             address: "198.51.100.12/24", priority: 100, preempt: false,
             peers: [("relay1.example.com", "198.51.100.11", 150), ("relay3.example.com", "198.51.100.13", 50)],
             addresses: ["198.51.100.100/24", "198.51.100.101/24"]), [:]),
    ]

    @Test("each relay renders exactly its golden file", arguments: 0..<2)
    func golden(_ index: Int) throws {
        let item = Self.cases[index]
        let rendering = try #require(try KeepalivedRenderer.render(
            configuration: try KeepalivedFixtures.json(item.configuration), machine: item.machine,
            secrets: .resolved(["env:VRRP_SECRET": "s3cret-x"]),
            layout: KeepalivedLayout(devices: item.devices, stateFile: "/var/lib/strata-agent/keepalived/state")))
        let url = KeepalivedFixtures.goldenRoot.appendingPathComponent(item.name)
        if KeepalivedFixtures.recording {
            try Data(rendering.content.utf8).write(to: url)
            return
        }
        let golden = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing)"
        #expect(rendering.content == golden, "\(item.name) differs from its golden file (re-record with STRATA_RECORD=1)\n--- actual ---\n\(rendering.content)")
    }
}

@Suite("keepalived renderer")
struct KeepalivedRendererTests {
    let layout = KeepalivedLayout(devices: ["Data1": "veth-r1"], stateFile: "/run/strata/state")

    func render(_ text: String, secrets: KeepalivedSecrets = .resolved(["env:VRRP_SECRET": "pass1234"])) throws -> KeepalivedRendering? {
        try KeepalivedRenderer.render(configuration: try KeepalivedFixtures.json(text), machine: "relay1.example.com", secrets: secrets, layout: layout)
    }

    func failure(_ text: String, secrets: KeepalivedSecrets = .resolved(["env:VRRP_SECRET": "pass1234"])) -> KeepalivedRenderError? {
        do {
            _ = try render(text, secrets: secrets)
            return nil
        } catch let error as KeepalivedRenderError {
            return error
        } catch {
            return KeepalivedRenderError(path: "?", message: "\(error)")
        }
    }

    @Test("no failover renders nothing")
    func noFailover() throws {
        #expect(try render(KeepalivedFixtures.relay(failover: false)) == nil)
    }

    /// `failover.monitor` is optional in the catalogue: without it there is no banner check to track.
    @Test("a failover without a monitor renders no vrrp_script and no track_script")
    func noMonitor() throws {
        let text = KeepalivedFixtures.relay().replacingOccurrences(
            of: #""monitor": {"listener": "IncomingMail", "interval": 1, "fall": 2, "rise": 2},"#, with: "")
        #expect(text != KeepalivedFixtures.relay())
        let rendering = try #require(try render(text))
        #expect(rendering.monitor == nil)
        #expect(!rendering.content.contains("vrrp_script"))
        #expect(!rendering.content.contains("track_script"))
        #expect(rendering.content.contains("virtual_router_id 51\n"))
    }

    @Test("the rendering names the instance, device, own address, addresses and monitor")
    func rendering() throws {
        let rendering = try #require(try render(KeepalivedFixtures.relay(port: 2525)))
        #expect(rendering.instance == "strata_51")
        #expect(rendering.routerID == 51)
        #expect(rendering.device == "veth-r1")
        #expect(rendering.sourceAddress == "198.51.100.11")
        #expect(rendering.addresses == ["198.51.100.100/24"])
        #expect(rendering.monitor == MonitorTarget(listener: "IncomingMail", address: "198.51.100.11", port: 2525, interval: 1, fall: 2, rise: 2))
        #expect(rendering.content.contains("exec 3<>/dev/tcp/198.51.100.11/2525 "))
        #expect(rendering.content.contains("        auth_pass pass1234\n"))
        #expect(!rendering.content.contains("nopreempt"))
        #expect(!rendering.content.contains("vrrp_strict"))
    }

    @Test("a secret longer than 8 characters is refused, naming failover.secret")
    func longSecret() {
        let error = failure(KeepalivedFixtures.relay(), secrets: .resolved(["env:VRRP_SECRET": "ninechars"]))
        #expect(error == KeepalivedRenderError(
            path: "failover.secret",
            message: "the secret env:VRRP_SECRET has 9 characters; VRRP allows at most 8 (keepalived would silently cut it)"))
    }

    @Test("an unresolved, empty or unwritable secret is refused")
    func badSecrets() {
        #expect(failure(KeepalivedFixtures.relay(), secrets: .resolved([:]))?.message == "the secret env:VRRP_SECRET was not resolved")
        #expect(failure(KeepalivedFixtures.relay(), secrets: .resolved(["env:VRRP_SECRET": ""]))?.message == "the secret env:VRRP_SECRET is empty")
        #expect(failure(KeepalivedFixtures.relay(), secrets: .resolved(["env:VRRP_SECRET": "a b"]))?.path == "failover.secret")
        #expect(failure(KeepalivedFixtures.relay(), secrets: .resolved(["env:VRRP_SECRET": "a#b"]))?.path == "failover.secret")
    }

    @Test("references write the reference text, never a value")
    func references() throws {
        let rendering = try #require(try render(KeepalivedFixtures.relay(), secrets: .references))
        #expect(rendering.content.contains("        auth_pass env:VRRP_SECRET\n"))
    }

    @Test("an unknown monitor listener or failover interface names its path")
    func unresolved() {
        let noListener = KeepalivedFixtures.relay().replacingOccurrences(of: #""listener": "IncomingMail""#, with: #""listener": "Other""#)
        #expect(failure(noListener) == KeepalivedRenderError(
            path: "failover.monitor.listener", message: "listener 'Other' is not configured on this machine"))
        let noInterface = KeepalivedFixtures.relay().replacingOccurrences(of: #""interface": "Data1", "addresses""#, with: #""interface": "Data9", "addresses""#)
        #expect(failure(noInterface) == KeepalivedRenderError(path: "failover.interface", message: "interface 'Data9' is not configured on this machine"))
    }

    @Test("IPv6 virtual addresses are refused")
    func ipv6() {
        let error = failure(KeepalivedFixtures.relay(addresses: ["2001:db8::100/64"]))
        #expect(error?.path == "failover.addresses[0]")
    }

    @Test("a device name keepalived cannot read as one word is refused")
    func badDevice() throws {
        let layout = KeepalivedLayout(devices: ["Data1": "eth 0"], stateFile: "/run/state")
        #expect(throws: KeepalivedRenderError.self) {
            try KeepalivedRenderer.render(
                configuration: try KeepalivedFixtures.json(KeepalivedFixtures.relay()), machine: "relay1.example.com",
                secrets: .references, layout: layout)
        }
    }
}
