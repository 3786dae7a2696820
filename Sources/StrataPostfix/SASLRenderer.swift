/// A listener's `smtp_auth_profile` → Cyrus SASL through saslauthd's LDAP back end: the Cyrus
/// application file `sasl/PROFILE.conf`, saslauthd's LDAP settings `sasl/saslauthd_PROFILE.conf`
/// (0600 when it holds the bind password), and the listener's `-o` overrides.
enum SASLRenderer {
    /// What one profile needs.
    struct Output {
        var files: [RenderedFile]
        var overrides: [(String, String)]
        var warning: RenderWarning
    }

    static func render(
        profile name: String, listener: ListenerSettings, profiles: [SettingNode], directory: LDAPDirectory, configDirectory: String
    ) throws(PostfixRenderError) -> Output {
        let referrer = SettingNode(json: .null, feature: "listeners", path: "\(listener.node.path).smtp_auth_profile")
        var found: SettingNode?
        for node in profiles where found == nil {
            if try node.string("name") == name { found = node }
        }
        guard let profile = found else {
            throw referrer.failure("SMTP auth profile '\(name)' is not configured on this machine")
        }
        let application = try PostfixText.fileName(name, profile)
        let queryName = try profile.string("ldap_query")
        let queryReferrer = SettingNode(json: .null, feature: "smtp_auth_profiles", path: "\(profile.path).ldap_query")
        let (query, server) = try directory.query(queryName, type: "smtp_auth", referrer: queryReferrer)
        let cyrus = "# Cyrus SASL application \(application) (SMTP auth profile \(name))\npwcheck_method: saslauthd\nmech_list: PLAIN LOGIN\n"
        var saslauthd = "# saslauthd -a ldap -O \(configDirectory)/sasl/saslauthd_\(application).conf (LDAP query \(queryName))\n"
        saslauthd += "ldap_servers: \(try directory.urls(server, trailingSlash: true).joined(separator: " "))\n"
        saslauthd += "ldap_version: 3\n"
        saslauthd += "ldap_search_base: \(try PostfixText.line(try server.string("base_dn"), server))\n"
        saslauthd += "ldap_filter: \(LDAPDirectory.filter(try PostfixText.line(try query.string("filter"), query), address: "%u"))\n"
        let password = try directory.bindPassword(server)
        if let bindDN = try server.optionalString("bind_dn") {
            saslauthd += "ldap_bind_dn: \(try PostfixText.line(bindDN, server))\n"
            if let password { saslauthd += "ldap_password: \(password)\n" }
        }
        let files = [
            RenderedFile(path: "sasl/\(application).conf", content: cyrus),
            RenderedFile(path: "sasl/saslauthd_\(application).conf", content: saslauthd, mode: password == nil ? 0o644 : 0o600),
        ]
        let overrides = [("smtpd_sasl_auth_enable", "yes"), ("smtpd_sasl_type", "cyrus"), ("smtpd_sasl_path", application)]
        let warning = RenderWarning(
            feature: "smtp_auth_profiles", path: profile.path,
            message: "SMTP AUTH needs saslauthd running with sasl/saslauthd_\(application).conf; the Postfix backend does not start it")
        return Output(files: files, overrides: overrides, warning: warning)
    }
}
