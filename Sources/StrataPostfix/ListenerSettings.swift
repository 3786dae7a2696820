/// One listener of the canonical configuration, read and checked for what Postfix files need.
struct ListenerSettings {
    let node: SettingNode
    let name: String
    let interface: String
    let port: Int
    let type: String
    let hat: [SettingNode]
    let rat: [SettingNode]
    let footer: String?
    let bounceProfile: String?
    let smtpAuthProfile: String?
    /// `accept`, `routing`, `masquerade`, `group` → query name.
    let ldap: [(use: String, query: String)]
    let maxConnections: Int

    init(_ node: SettingNode) throws(PostfixRenderError) {
        self.node = node
        name = try PostfixText.fileName(try node.string("name"), node)
        interface = try node.string("interface")
        port = try node.int("port", default: 25)
        guard (1...65_535).contains(port) else { throw node.failure("port \(port) is out of range", at: "\(node.path).port") }
        type = try node.optionalString("type") ?? "public"
        hat = try node.list("hat")
        rat = try node.list("rat")
        footer = try node.optionalString("footer")
        bounceProfile = try node.optionalString("bounce_profile")
        smtpAuthProfile = try node.optionalString("smtp_auth_profile")
        var uses: [(String, String)] = []
        if let ldapNode = node.child("ldap") {
            for use in ["accept", "routing", "masquerade", "group"] {
                if let query = try ldapNode.optionalString(use) { uses.append((use, query)) }
            }
        }
        ldap = uses
        maxConnections = try node.int("max_connections", default: 50)
    }

    /// The query this listener uses for `use`, if any.
    func ldapQuery(_ use: String) -> String? { ldap.first { $0.use == use }?.query }
}
