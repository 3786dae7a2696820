// The keepalived backend against a real keepalived, as root, in a throwaway namespace: a single node
// becomes MASTER and holds the virtual address, a file keepalived refuses changes nothing, and a
// configuration without failover stops the daemon and removes the file. Every wait is bounded.

import Foundation
import Testing
@testable import StrataAgent
import StrataModel
import StrataState
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("keepalived backend in a namespace", .serialized)
struct KeepalivedBackendTests {
    static let secrets = ["env:VRRP_SECRET": "pass1234"]

    static func generation(_ number: Int, _ text: String, secrets: [String: String] = secrets) throws -> StoredGeneration {
        StoredGeneration(
            summary: GenerationSummary(generation: number, configHash: "h\(number)", appliedCommit: nil, appliedAt: "2026-12-01T00:00:00Z", appliedBy: nil),
            configuration: try KeepalivedFixtures.json(text), secrets: secrets)
    }

    /// A banner server on 198.51.100.11:2525 inside the namespace, the monitor's listener.
    static func bannerServer(_ namespace: TestNamespace) async throws -> StartedProcess {
        let script = """
            import socket
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("198.51.100.11", 2525)); s.listen(16); print("ready", flush=True)
            while True:
                c, _ = s.accept(); c.sendall(b"220 banner.test ESMTP\\r\\n"); c.close()
            """
        let server = try StartedProcess("/usr/sbin/ip", ["netns", "exec", namespace.name, "python3", "-c", script])
        try await Wait.until("the banner server", seconds: 30) { server.stdoutText.contains("ready") }
        return server
    }

    @Test("apply: MASTER with the address; a refused file changes nothing; no failover stops it", .enabled(if: TestNamespace.usable, TestNamespace.reason))
    func lifecycle() async throws {
        let namespace = try await TestNamespace(label: "b", device: "veth-r1", address: "198.51.100.11/24")
        defer { namespace.remove() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-ka-b-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let settings = KeepalivedBackendSettings(
            configFile: root + "/etc/keepalived.conf", program: "/usr/sbin/keepalived", pidFile: root + "/run/keepalived.pid",
            vrrpPidFile: root + "/run/vrrp.pid", stateFile: root + "/run/state", netns: namespace.name)
        var runner = CommandRunner(timeoutSeconds: 30)
        runner.namespace = namespace.name
        let backend = KeepalivedBackend(settings: settings, runner: runner, machine: "relay1.example.com", devices: ["Data1": "veth-r1"])
        defer { backend.daemon.stop() }
        let pipeline = BackendPipeline(backends: [backend])
        let server = try await Self.bannerServer(namespace)

        let first = try Self.generation(1, KeepalivedFixtures.relay(port: 2525))
        guard case .installed = pipeline.install(first, previous: nil) else { Issue.record("generation 1 was not installed"); return }
        var info = stat()
        #expect(stat(settings.configFile, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let master = try await Wait.value("MASTER with the address", seconds: 30, interval: 0.05) { () -> VRRPReport? in
            let report = pipeline.report(current: first).vrrp
            return report?.state == "MASTER" && report?.held == ["198.51.100.100/24"] ? report : nil
        }
        #expect(master == VRRPReport(state: "MASTER", routerID: 51, interface: "Data1", addresses: ["198.51.100.100/24"], held: ["198.51.100.100/24"]))
        await #expect(try namespace.addresses(on: "veth-r1") == ["198.51.100.11/24", "198.51.100.100/24"])
        #expect(pipeline.holds(first))

        // Data2 has no device in the namespace: keepalived -t refuses the file before anything switches.
        let refusedText = KeepalivedFixtures.relay(port: 2525)
            .replacingOccurrences(of: #""interface": "Data1", "addresses""#, with: #""interface": "Data2", "addresses""#)
            .replacingOccurrences(of: #"{"name": "Management", "address": "127.0.0.1/8"}"#, with: #"{"name": "Data2", "address": "198.51.100.21/24"}"#)
        guard case .failed(let failure, let restore) = pipeline.install(try Self.generation(2, refusedText), previous: first) else {
            Issue.record("generation 2 was installed")
            return
        }
        #expect(failure.code == .invalidConfiguration)
        #expect(failure.message.hasPrefix("keepalived -t refuses the configuration: "), "\(failure.message)")
        #expect(restore == nil)
        #expect(pipeline.holds(first))
        #expect(pipeline.report(current: first).vrrp?.state == "MASTER")

        let tooLong = pipeline.install(try Self.generation(2, KeepalivedFixtures.relay(port: 2525), secrets: ["env:VRRP_SECRET": "ninechars"]), previous: first)
        guard case .failed(let longFailure, nil) = tooLong else { Issue.record("a 9-character secret was installed"); return }
        #expect(longFailure.message.contains("VRRP allows at most 8"))

        // The monitored listener stops answering: after `fall` failed checks the instance gives the address up.
        // SIGKILL: the test process may hand its children SIGTERM ignored.
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let fault = try await Wait.value("FAULT without the address", seconds: 30, interval: 0.05) { () -> VRRPReport? in
            let report = pipeline.report(current: first).vrrp
            return report?.state == "FAULT" && report?.held == [] ? report : nil
        }
        #expect(fault.addresses == ["198.51.100.100/24"])
        await #expect(try namespace.addresses(on: "veth-r1") == ["198.51.100.11/24"])

        let without = try Self.generation(2, KeepalivedFixtures.relay(port: 2525, failover: false))
        guard case .installed = pipeline.install(without, previous: first) else { Issue.record("generation 2 (no failover) was not installed"); return }
        #expect(!backend.daemon.isRunning())
        #expect(!FileManager.default.fileExists(atPath: settings.configFile))
        await #expect(try namespace.addresses(on: "veth-r1") == ["198.51.100.11/24"])
        #expect(pipeline.report(current: without).vrrp == nil)
        #expect(pipeline.holds(without))

        // Restoring generation 1 (after a failed commit, say) starts keepalived on its file again.
        let restored = pipeline.restore(first, onlyWhereDifferent: true)
        #expect(restored.failure == nil, "\(restored.summary)")
        #expect(backend.daemon.isRunning())
        #expect(pipeline.holds(first))

        // keepalived killed (a reboot, a restarted agent): the machine no longer runs generation 1, so the
        // agent's start-up check restores it, which starts keepalived again.
        for pid in [KeepalivedDaemon.livePid(settings.vrrpPidFile), backend.daemon.pid()].compactMap({ $0 }) { kill(pid, SIGKILL) }
        try await Wait.until("keepalived to be gone", seconds: 30, interval: 0.05) { !backend.daemon.isRunning() }
        #expect(!pipeline.holds(first))
        let restarted = pipeline.restore(first, onlyWhereDifferent: true)
        #expect(restarted.failure == nil, "\(restarted.summary)")
        #expect(backend.daemon.isRunning())
        #expect(pipeline.holds(first))
    }
}
