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
}
