// The agent's namespace plumbing, as root: sockets made inside a namespace reach its listeners, and the
// postfix backend's ip_nonlocal_bind check reads the namespace's own setting.

import Foundation
import Testing
@testable import StrataAgent
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("agent netns plumbing", .serialized)
struct NamespaceProbeTests {
    @Test("a socket made in the namespace reaches a listener there", .enabled(if: TestNamespace.usable, TestNamespace.reason))
    func socketInNamespace() async throws {
        let namespace = try await TestNamespace(label: "p", device: "veth-r1", address: "198.51.100.11/24")
        defer { namespace.remove() }
        let server = try await KeepalivedBackendTests.bannerServer(namespace)
        _ = server
        let descriptor = NetworkNamespace.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue), in: namespace.name)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(2525).bigEndian)
        _ = inet_pton(AF_INET, "198.51.100.11", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0, "connect: \(String(cString: strerror(errno)))")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).hasPrefix("220 banner.test"))
        // The test's own thread is back in the host's namespace: the address is not here.
        let own = NetworkNamespace.socket(family: AF_INET, type: Int32(SOCK_STREAM.rawValue), in: nil)
        defer { close(own) }
        let local = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(own, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(local != 0)
    }

    @Test("ip_nonlocal_bind 0 in the namespace refuses virtual addresses; 1 accepts them", .enabled(if: TestNamespace.usable, TestNamespace.reason))
    func nonlocalBind() async throws {
        let namespace = try await TestNamespace(label: "n", device: "veth-r1", address: "198.51.100.11/24")
        defer { namespace.remove() }
        var runner = CommandRunner(timeoutSeconds: 30)
        runner.namespace = namespace.name
        let check = NonlocalBind(runner: runner, namespace: namespace.name)
        #expect(try await namespace.run(["sysctl", "-qw", "net.ipv4.ip_nonlocal_bind=0"]).status == 0)
        do {
            try check.check(["198.51.100.100"])
            Issue.record("ip_nonlocal_bind 0 was accepted")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.message == "net.ipv4.ip_nonlocal_bind is 0 in network namespace \(namespace.name), but listeners on the failover "
                + "interface bind 198.51.100.100; set net.ipv4.ip_nonlocal_bind=1 there (sysctl -w, and in /etc/sysctl.d for reboots)")
        }
        #expect(try await namespace.run(["sysctl", "-qw", "net.ipv4.ip_nonlocal_bind=1"]).status == 0)
        #expect(throws: Never.self) { try check.check(["198.51.100.100"]) }
        #expect(throws: Never.self) { try check.check([]) }
    }
}
