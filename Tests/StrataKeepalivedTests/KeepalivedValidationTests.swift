// keepalived's own check (`keepalived -t`) of rendered files, as root, in a throwaway namespace holding
// a veth with the device's name (keepalived refuses a file naming a device that does not exist).

import Foundation
import Testing
import StrataKeepalived
import StrataTestSupport

@Suite("keepalived -t accepts the rendered files")
struct KeepalivedValidationTests {
    @Test("both golden relays pass keepalived -t; a broken file is refused with rc 5", .enabled(if: TestNamespace.usable, TestNamespace.reason))
    func validates() async throws {
        let namespace = try await TestNamespace(label: "t", device: "veth-r1", address: "198.51.100.11/24")
        defer { namespace.remove() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-ka-t-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for item in KeepalivedGoldenTests.cases {
            let rendering = try #require(try KeepalivedRenderer.render(
                configuration: try KeepalivedFixtures.json(item.configuration), machine: item.machine,
                secrets: .resolved(["env:VRRP_SECRET": "s3cret-x"]),
                layout: KeepalivedLayout(devices: ["Data1": "veth-r1"], stateFile: scratch.appendingPathComponent("state").path)))
            let file = scratch.appendingPathComponent(item.name)
            try Data(rendering.content.utf8).write(to: file)
            let result = try await namespace.run(["/usr/sbin/keepalived", "-t", "-f", file.path])
            #expect(result.status == 0, "\(item.name): \(result)")
        }
        let broken = scratch.appendingPathComponent("broken.conf")
        try Data("vrrp_instance X {\n    interface no-such-dev\n    virtual_router_id 300\n}\n".utf8).write(to: broken)
        let result = try await namespace.run(["/usr/sbin/keepalived", "-t", "-f", broken.path])
        #expect(result.status == 5, "\(result)")
    }
}
