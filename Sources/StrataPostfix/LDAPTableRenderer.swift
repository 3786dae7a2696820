/// LDAP queries used by listeners → one `ldap:` .cf file per query (0600 when it holds the bind
/// password): `accept` as the listener's `relay_recipient_maps`, `routing` as `virtual_alias_maps`,
/// `masquerade` as `sender_canonical_maps` (both instance-wide).
enum LDAPTableRenderer {
    static let results = ["accept": "mail", "routing": "mailRoutingAddress", "masquerade": "mail"]

    /// The .cf file for `query` used as `use`, and its `ldap:` reference.
    static func table(
        _ name: String, use: String, directory: LDAPDirectory, referrer: SettingNode, tables: String
    ) throws(PostfixRenderError) -> (file: RenderedFile, reference: String) {
        let (query, server) = try directory.query(name, type: use, referrer: referrer)
        let fileName = "ldap_\(try PostfixText.fileName(name, query)).cf"
        var text = "# LDAP query \(name) (\(use)) on server \(try server.string("name"))\n"
        text += "server_host = \(try directory.urls(server).joined(separator: " "))\n"
        text += "version = 3\n"
        text += "search_base = \(try PostfixText.line(try server.string("base_dn"), server))\n"
        text += "query_filter = \(LDAPDirectory.filter(try PostfixText.line(try query.string("filter"), query), address: "%s"))\n"
        text += "result_attribute = \(results[use] ?? "mail")\n"
        let password = try directory.bindPassword(server)
        if let bindDN = try server.optionalString("bind_dn") {
            text += "bind = yes\nbind_dn = \(try PostfixText.line(bindDN, server))\n"
            if let password { text += "bind_pw = \(password)\n" }
        } else {
            text += "bind = no\n"
        }
        let file = RenderedFile(path: "tables/\(fileName)", content: text, mode: password == nil ? 0o644 : 0o600)
        return (file, "ldap:\(tables)/\(fileName)")
    }
}
