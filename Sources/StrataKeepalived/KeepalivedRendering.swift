/// Everything the renderer produces for one machine with a `failover` feature.
public struct KeepalivedRendering: Sendable, Hashable {
    /// The whole keepalived.conf (it holds the secret: write it 0600).
    public var content: String
    /// The vrrp_instance name (`strata_<router_id>`).
    public var instance: String
    /// The virtual router id.
    public var routerID: Int
    /// The Strata interface the addresses live on.
    public var interface: String
    /// Its OS device.
    public var device: String
    /// This machine's address on the interface (`unicast_src_ip`).
    public var sourceAddress: String
    /// The virtual addresses as configured (CIDR).
    public var addresses: [String]
    /// The listener whose banner the monitor checks; nil when the failover has no monitor.
    public var monitor: MonitorTarget?

    /// Creates a rendering.
    public init(
        content: String, instance: String, routerID: Int, interface: String, device: String, sourceAddress: String, addresses: [String],
        monitor: MonitorTarget?
    ) {
        self.content = content
        self.instance = instance
        self.routerID = routerID
        self.interface = interface
        self.device = device
        self.sourceAddress = sourceAddress
        self.addresses = addresses
        self.monitor = monitor
    }
}

/// The SMTP listener the vrrp_script checks: its own address (not a virtual one) and port.
public struct MonitorTarget: Sendable, Hashable {
    /// The Strata listener name.
    public var listener: String
    /// The listener's interface address (no prefix length).
    public var address: String
    /// The TCP port.
    public var port: Int
    /// Seconds between checks.
    public var interval: Int
    /// Failed checks before the instance goes to FAULT.
    public var fall: Int
    /// Good checks before it recovers.
    public var rise: Int

    /// Creates a target.
    public init(listener: String, address: String, port: Int, interval: Int, fall: Int, rise: Int) {
        self.listener = listener
        self.address = address
        self.port = port
        self.interval = interval
        self.fall = fall
        self.rise = rise
    }
}
