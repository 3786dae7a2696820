/// What a keepalived backend observes of its VRRP instance, for state answers: the instance's state and
/// which of its virtual addresses this machine holds now. Read leniently (an answer field).
public struct VRRPReport: Sendable, Hashable {
    /// `MASTER`, `BACKUP`, `FAULT`, `STOPPED` (keepalived does not run) or `unknown` (no state reported yet).
    public var state: String
    /// The virtual router id.
    public var routerID: Int
    /// The Strata interface the addresses live on.
    public var interface: String
    /// The virtual addresses configured (CIDR), in configuration order.
    public var addresses: [String]
    /// Those of `addresses` found on the interface's device now.
    public var held: [String]

    /// Creates a report.
    public init(state: String, routerID: Int, interface: String, addresses: [String], held: [String]) {
        self.state = state
        self.routerID = routerID
        self.interface = interface
        self.addresses = addresses
        self.held = held
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("state", .string(state)), ("router_id", .int(routerID)), ("interface", .string(interface)),
            ("addresses", .array(addresses.map(JSON.string))), ("held", .array(held.map(JSON.string))),
        ])
    }

    /// Reads the JSON form leniently: unknown fields are ignored, a missing list is empty; nil without a state.
    public init?(json: JSON) {
        guard let state = json["state"]?.stringValue else { return nil }
        func strings(_ key: String) -> [String] {
            guard case .array(let items)? = json[key] else { return [] }
            return items.compactMap(\.stringValue)
        }
        self.init(
            state: state, routerID: json["router_id"]?.intValue ?? 0, interface: json["interface"]?.stringValue ?? "",
            addresses: strings("addresses"), held: strings("held"))
    }
}
