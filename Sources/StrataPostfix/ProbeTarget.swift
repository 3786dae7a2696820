/// A listener the agent must probe over SMTP after a reload.
public struct ProbeTarget: Sendable, Hashable {
    /// The Strata listener name.
    public var listener: String
    /// The address it binds (no prefix length).
    public var address: String
    /// The TCP port.
    public var port: Int

    /// Creates a target.
    public init(listener: String, address: String, port: Int) {
        self.listener = listener
        self.address = address
        self.port = port
    }
}
