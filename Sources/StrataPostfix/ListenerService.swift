/// One listener as an `smtpd` service of master.cf, with the files and instance-wide settings it needs.
struct ListenerService {
    let binding: ListenerBinding
    var overrides: [(String, String)] = []
    var files: [RenderedFile] = []
    var warnings: [RenderWarning] = []
    /// Domains its RAT accepts (for `relay_domains`).
    var acceptedDomains: [String] = []
    /// `ldap:` references for the instance-wide maps, by use (`routing`, `masquerade`).
    var instanceMaps: [(use: String, reference: String)] = []
    var usesSASL = false
    /// A main.cf restriction class holding the RAT, when a HAT table must name it.
    var restrictionClass: (name: String, restrictions: [String])?
    /// The failover's virtual addresses, when the listener is on the failover interface: master.cf binds
    /// each as well (needs `net.ipv4.ip_nonlocal_bind=1` on the machine that does not hold it).
    var virtualAddresses: [String] = []

    /// `ADDR:PORT` for a virtual address (`[ADDR]:PORT` for IPv6), as master.cf writes a service name.
    func serviceName(virtual address: String) -> String {
        address.contains(":") ? "[\(address)]:\(binding.listener.port)" : "\(address):\(binding.listener.port)"
    }
}
