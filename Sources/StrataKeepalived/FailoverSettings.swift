import StrataModel

/// One machine's effective `failover` value with what it refers to on the machine, checked for what
/// keepalived.conf needs.
struct FailoverSettings {
    struct Peer {
        var machine: String
        var address: String
        var priority: Int
    }

    var routerID: Int
    var interface: String
    var sourceAddress: String
    var addresses: [String]
    var advertInterval: Int
    var secretReference: String
    var preempt: Bool
    var priority: Int
    var peers: [Peer]
    /// Nil without `failover.monitor` (optional): only a machine that stops advertising loses the addresses.
    var monitor: MonitorTarget?

    /// Nil when the configuration has no `failover`.
    static func read(_ configuration: JSON) throws(KeepalivedRenderError) -> FailoverSettings? {
        guard let value = configuration["failover"], value != .null else { return nil }
        let node = FailoverReader(json: value, path: "failover")
        let interface = try node.string("interface")
        let interfaceNode = try self.interface(interface, in: configuration)
        let source = try address(try interfaceNode.string("address"), interfaceNode.required("address"))
        let addresses = try node.required("addresses").items().map { item throws(KeepalivedRenderError) in try virtualAddress(item) }
        guard !addresses.isEmpty else { throw node.failure("needs at least one address", at: "failover.addresses") }
        let secret = try node.required("secret")
        guard let reference = secret.json["secret"]?.stringValue else { throw secret.failure("must be a secret reference") }
        let priorityNode = FailoverReader(json: configuration, path: "")
        let priority = try priorityNode.int("failover_priority", in: 1...254, default: 100)
        let peers = try (node.child("peers")?.items(keyField: "machine") ?? []).map { peer throws(KeepalivedRenderError) in
            Peer(
                machine: try peer.string("machine"), address: try address(try peer.string("address"), try peer.required("address")),
                priority: try peer.int("priority", in: 1...254, default: 100))
        }
        return FailoverSettings(
            routerID: try node.int("router_id", in: 1...255), interface: interface, sourceAddress: source, addresses: addresses,
            advertInterval: try node.int("advert_interval", in: 1...255, default: 1), secretReference: reference,
            preempt: try node.bool("preempt", default: true), priority: priority, peers: peers,
            monitor: try node.child("monitor").map { monitor throws(KeepalivedRenderError) in try self.monitor(monitor, configuration: configuration) })
    }

    private static func interface(_ name: String, in configuration: JSON) throws(KeepalivedRenderError) -> FailoverReader {
        let interfaces = try FailoverReader(json: configuration["interfaces"] ?? .array([]), path: "interfaces").items(keyField: "name")
        guard let found = interfaces.first(where: { $0.json["name"]?.stringValue == name }) else {
            throw KeepalivedRenderError(path: "failover.interface", message: "interface '\(name)' is not configured on this machine")
        }
        return found
    }

    private static func monitor(_ node: FailoverReader, configuration: JSON) throws(KeepalivedRenderError) -> MonitorTarget {
        let name = try node.string("listener")
        let listeners = try FailoverReader(json: configuration["listeners"] ?? .array([]), path: "listeners").items(keyField: "name")
        guard let listener = listeners.first(where: { $0.json["name"]?.stringValue == name }) else {
            throw node.failure("listener '\(name)' is not configured on this machine", at: "\(node.path).listener")
        }
        let interface = try self.interface(try listener.string("interface"), in: configuration)
        return MonitorTarget(
            listener: name, address: try address(try interface.string("address"), try interface.required("address")),
            port: try listener.int("port", in: 1...65_535, default: 25), interval: try node.int("interval", in: 1...3_600, default: 2),
            fall: try node.int("fall", in: 1...255, default: 2), rise: try node.int("rise", in: 1...255, default: 2))
    }

    /// An IPv4 address, with any prefix length dropped.
    private static func address(_ text: String, _ node: FailoverReader) throws(KeepalivedRenderError) -> String {
        let address = String(text.split(separator: "/", maxSplits: 1).first ?? "")
        guard NameRules.isIPv4(address) else { throw node.failure("'\(text)' is not an IPv4 address (IPv6 failover is not rendered)") }
        return address
    }

    /// `A.B.C.D/N`, IPv4 only: keepalived cannot mix families in one instance.
    private static func virtualAddress(_ node: FailoverReader) throws(KeepalivedRenderError) -> String {
        let text = try node.text()
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, NameRules.isIPv4(String(parts[0])), let prefix = Int(parts[1]), (0...32).contains(prefix) else {
            throw node.failure("'\(text)' is not an IPv4 address with a prefix length (IPv6 failover is not rendered)")
        }
        return text
    }
}
