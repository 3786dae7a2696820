/// Timeouts of the calls to agents, in seconds.
public struct ConnectionOptions: Sendable, Hashable {
    /// Establishing a connection (and TLS); past it the machine is unreachable.
    public var connectTimeout: Int
    /// A state read, from sending the request to the end of the answer.
    public var readTimeout: Int
    /// An apply, which waits for the backend's apply and health commands.
    public var applyTimeout: Int

    /// Creates options; the defaults suit a LAN: 5 s to connect, 10 s for a state read, 300 s for an apply.
    public init(connectTimeout: Int = 5, readTimeout: Int = 10, applyTimeout: Int = 300) {
        self.connectTimeout = max(1, connectTimeout)
        self.readTimeout = max(1, readTimeout)
        self.applyTimeout = max(1, applyTimeout)
    }
}
