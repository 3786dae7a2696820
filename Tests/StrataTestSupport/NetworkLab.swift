public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An isolated IPv4 segment for failover tests, built as root from network namespaces: a bridge `br0` in a
/// namespace of its own, relay namespaces and a client namespace joined to it by veth pairs.
///
/// Each veth pair is created directly inside the two namespaces it joins (`ip -n BRIDGE link add ... peer
/// ... netns HOST`), so no device ever exists on the host, nothing is linked to the host's interfaces and
/// device names only need to be unique inside a namespace. Addresses come from 198.51.100.0/24 only (the
/// host's own network is 192.0.2.0/24). Names are `strata-<pid>-<n>-<role>`: `close()` (also run when the lab
/// is released) stops every process left in the lab's namespaces and removes them, and a new lab first
/// removes the labs whose test process died (``removeStaleLabs()``), so a crashed run leaves nothing behind.
public final class NetworkLab: @unchecked Sendable {
    /// The iproute2 tool.
    public static let ipTool = "/usr/sbin/ip"
    /// The lab's subnet: documentation addresses, never the host's 192.0.2.0/24.
    public static let subnet = "198.51.100.0/24"
    /// The prefix length of every lab address.
    public static let prefixLength = 24
    /// Whether this machine can build a lab: root and iproute2.
    public static let available = getuid() == 0 && FileManager.default.isExecutableFile(atPath: ipTool)
    /// Why the lab's tests are skipped when it cannot, printed by the test runner beside the skipped test.
    public static let skipReason =
        "SKIPPED (not counted as passed): the network-namespace failover tests need root and iproute2 (`ip netns`); CI runs them as root"

    /// Labs created by this process, so names stay unique when tests run in parallel.
    private static let counter = Mutex(0)

    /// `strata-<pid>-<n>`, the prefix of every namespace of this lab.
    public let name: String
    /// The namespace holding the bridge `br0`.
    public let bridge: String
    /// The relay machines (`r1`, `r2`, ...): 198.51.100.11, .12, ..., with `net.ipv4.ip_nonlocal_bind=1` so a
    /// listener can bind a virtual address the machine does not hold yet.
    public let relays: [NetworkLabHost]
    /// The client machine, 198.51.100.50.
    public let client: NetworkLabHost
    /// A scratch directory for the lab's files (`/tmp/strata-lab-<pid>-<n>`, short: Postfix's unix sockets live under it).
    public let directory: URL
    private var created: [String] = []
    private var closed = false

    /// Builds a lab with `relays` relay namespaces (1 to 8) and one client; throws (after removing what was
    /// built) when a step fails.
    public init(relays count: Int = 2) throws {
        precondition((1...8).contains(count), "a lab has 1 to 8 relays")
        Self.removeStaleLabs()
        let number = Self.counter.withLock { value in
            value += 1
            return value
        }
        let name = "strata-\(getpid())-\(number)"
        self.name = name
        bridge = name + "-sw"
        relays = (1...count).map { index in
            NetworkLabHost(label: "r\(index)", namespace: "\(name)-r\(index)", device: "data1", address: "198.51.100.\(10 + index)")
        }
        client = NetworkLabHost(label: "client", namespace: name + "-c", device: "data1", address: "198.51.100.50")
        directory = URL(fileURLWithPath: "/tmp/strata-lab-\(getpid())-\(number)")
        do {
            try build()
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Every namespace of the lab, bridge first.
    public var namespaces: [String] { [bridge] + relays.map(\.namespace) + [client.namespace] }

    /// The relay with label `label` (`r1`).
    public func relay(_ label: String) -> NetworkLabHost {
        guard let relay = relays.first(where: { $0.label == label }) else { preconditionFailure("no relay \(label) in \(name)") }
        return relay
    }

    /// Stops every process left in the lab's namespaces, removes the namespaces (and with them every device)
    /// and the scratch directory. Safe to call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        Self.remove(namespaces: created)
        try? FileManager.default.removeItem(at: directory)
    }

    private func build() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try addNamespace(bridge)
        try ip(bridge, "link", "set", "lo", "up")
        try ip(bridge, "link", "add", "br0", "type", "bridge")
        try ip(bridge, "link", "set", "br0", "up")
        for (index, host) in (relays + [client]).enumerated() {
            try addNamespace(host.namespace)
            let port = "port\(index + 1)"
            try ip(bridge, "link", "add", port, "type", "veth", "peer", "name", host.device, "netns", host.namespace)
            try ip(bridge, "link", "set", port, "master", "br0", "up")
            try ip(host.namespace, "link", "set", "lo", "up")
            try ip(host.namespace, "addr", "add", host.cidr, "dev", host.device)
            try ip(host.namespace, "link", "set", host.device, "up")
        }
        for relay in relays {
            let sysctl = try run(in: relay.namespace, ["/usr/sbin/sysctl", "-qw", "net.ipv4.ip_nonlocal_bind=1"])
            guard sysctl.status == 0 else { throw FixtureError("sysctl in \(relay.namespace) failed: \(sysctl)") }
        }
    }

    private func addNamespace(_ namespace: String) throws {
        let result = try runProcessBlocking(Self.ipTool, ["netns", "add", namespace])
        guard result.status == 0 else { throw FixtureError("ip netns add \(namespace) failed: \(result)") }
        created.append(namespace)
    }
}
