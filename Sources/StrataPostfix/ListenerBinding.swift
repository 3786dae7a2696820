import StrataModel

/// Where a listener listens: its interface's address (without prefix length), port and banner name.
struct ListenerBinding {
    let listener: ListenerSettings
    let address: String
    let hostname: String?

    var isIPv6: Bool { address.contains(":") }

    /// `ADDR:PORT` as master.cf writes a service name (`[ADDR]:PORT` for IPv6).
    var serviceName: String { isIPv6 ? "[\(address)]:\(listener.port)" : "\(address):\(listener.port)" }

    /// Resolves every listener's interface on this machine.
    static func resolve(_ listeners: [ListenerSettings], interfaces: [SettingNode]) throws(PostfixRenderError) -> [ListenerBinding] {
        var byName: [String: SettingNode] = [:]
        for interface in interfaces {
            let name = try interface.string("name")
            if byName[name] == nil { byName[name] = interface }
        }
        var bindings: [ListenerBinding] = []
        for listener in listeners {
            guard let interface = byName[listener.interface] else {
                throw listener.node.failure(
                    "interface '\(listener.interface)' is not configured on this machine", at: "\(listener.node.path).interface")
            }
            let addressNode = try interface.required("address")
            let address = try PostfixText.token(IPText.address(ofInterface: try addressNode.text()), addressNode)
            guard NameRules.isIPAddress(address) else { throw addressNode.failure("'\(address)' is not an IP address") }
            let hostnameNode = interface.child("hostname")
            let hostname = try hostnameNode.map { node throws(PostfixRenderError) in try PostfixText.token(try node.text(), node) }
            bindings.append(ListenerBinding(listener: listener, address: address, hostname: hostname))
        }
        return bindings
    }
}
