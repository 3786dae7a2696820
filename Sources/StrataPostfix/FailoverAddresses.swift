import StrataModel

/// The `failover` feature as far as Postfix cares: the interface whose listeners also serve the virtual
/// addresses, and those addresses without their prefix length. keepalived itself is StrataKeepalived's.
struct FailoverAddresses {
    let interface: String
    let addresses: [String]

    /// Nil when the configuration has no `failover`.
    static func read(_ configuration: JSON) throws(PostfixRenderError) -> FailoverAddresses? {
        guard let node = SettingNode.feature("failover", of: configuration) else { return nil }
        let addresses = try node.list("addresses").map { item throws(PostfixRenderError) in
            let address = IPText.address(ofInterface: try item.text())
            guard NameRules.isIPAddress(address) else { throw item.failure("'\(address)' is not an IP address") }
            return address
        }
        return FailoverAddresses(interface: try node.string("interface"), addresses: addresses)
    }
}
