/// Where the rendered file points outside itself: the OS device of each Strata interface and the file
/// keepalived's notify commands write the instance's VRRP state into.
public struct KeepalivedLayout: Sendable, Hashable {
    /// Strata interface name → OS device (agent.yaml's `interfaces:`); an unmapped name is used as is.
    public var devices: [String: String]
    /// Written with `MASTER`, `BACKUP`, `FAULT` or `STOP` on every transition (an absolute path).
    public var stateFile: String

    /// Creates a layout.
    public init(devices: [String: String] = [:], stateFile: String) {
        self.devices = devices
        self.stateFile = stateFile
    }

    /// The OS device for a Strata interface.
    public func device(for interface: String) -> String { devices[interface] ?? interface }
}
