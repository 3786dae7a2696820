/// The `ldap` feature read for rendering: servers and queries by name, secrets filled in as asked.
struct LDAPDirectory {
    let servers: [String: SettingNode]
    let queries: [String: SettingNode]
    let secrets: PostfixSecrets

    init(_ ldap: SettingNode?, secrets: PostfixSecrets) throws(PostfixRenderError) {
        var servers: [String: SettingNode] = [:]
        var queries: [String: SettingNode] = [:]
        for server in try ldap?.list("servers", keyField: "name") ?? [] { servers[try server.string("name")] = server }
        for query in try ldap?.list("queries", keyField: "name") ?? [] { queries[try query.string("name")] = query }
        self.servers = servers
        self.queries = queries
        self.secrets = secrets
    }

    /// A query of the expected type, with its server.
    func query(_ name: String, type: String, referrer: SettingNode) throws(PostfixRenderError) -> (query: SettingNode, server: SettingNode) {
        guard let query = queries[name], try query.string("type") == type else {
            throw referrer.failure("LDAP query '\(name)' of type \(type) is not configured on this machine")
        }
        let serverName = try query.string("server")
        guard let server = servers[serverName] else {
            throw query.failure("LDAP server '\(serverName)' is not configured on this machine", at: "\(query.path).server")
        }
        return (query, server)
    }

    /// The server's URLs: `ldaps://` on port 636 (LDAP over TLS), `ldap://` otherwise.
    func urls(_ server: SettingNode, trailingSlash: Bool = false) throws(PostfixRenderError) -> [String] {
        let port = try server.int("port", default: 389)
        let scheme = port == 636 ? "ldaps" : "ldap"
        return try server.list("hosts").map { node throws(PostfixRenderError) in
            let host = try PostfixText.token(try node.text(), node)
            return "\(scheme)://\(host):\(port)" + (trailingSlash ? "/" : "")
        }
    }

    /// The bind password as the file must hold it: the value, or its reference for `strata render`.
    func bindPassword(_ server: SettingNode) throws(PostfixRenderError) -> String? {
        guard let reference = try server.secretReference("bind_password") else { return nil }
        switch secrets {
        case .references:
            return reference
        case .resolved(let values):
            guard let value = values[reference] else {
                throw server.failure("secret \(reference) was not supplied", at: "\(server.path).bind_password")
            }
            guard !value.isEmpty, !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw server.failure("secret \(reference) must be one line of text", at: "\(server.path).bind_password")
            }
            return value
        }
    }

    /// A Strata filter (`{a}` address, `{u}` user, `{d}` domain) in Postfix's `%` form.
    static func filter(_ text: String, address: String) -> String {
        text.replacing("%", with: "%%").replacing("{a}", with: address).replacing("{u}", with: "%u").replacing("{d}", with: "%d")
    }
}
