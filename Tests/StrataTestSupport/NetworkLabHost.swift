/// One machine of a ``NetworkLab``: a network namespace whose device `device` is joined to the lab's
/// bridge and carries `address` from 198.51.100.0/24.
public struct NetworkLabHost: Sendable, Hashable, CustomStringConvertible {
    /// A short label the tests use (`r1`, `r2`, `client`).
    public let label: String
    /// The network namespace's name (`ip netns`).
    public let namespace: String
    /// The device inside the namespace that reaches the bridge.
    public let device: String
    /// The device's address, without prefix length.
    public let address: String

    /// Creates a host description.
    public init(label: String, namespace: String, device: String, address: String) {
        self.label = label
        self.namespace = namespace
        self.device = device
        self.address = address
    }

    /// The address with the lab's prefix length (`198.51.100.11/24`).
    public var cidr: String { "\(address)/\(NetworkLab.prefixLength)" }

    /// `label (namespace)`, for failure messages.
    public var description: String { "\(label) (\(namespace))" }
}
