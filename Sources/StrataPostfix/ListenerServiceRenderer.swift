/// A listener → its smtpd service: HAT restrictions at the client stage, HAT relay rows, SMTP AUTH
/// and the RAT at the relay stage, LDAP accept as `relay_recipient_maps`, the interface's host name
/// in the banner.
enum ListenerServiceRenderer {
    /// What every listener shares.
    struct Context {
        let tables: String
        let configDirectory: String
        let directory: LDAPDirectory
        let authProfiles: [SettingNode]
    }

    static func render(_ binding: ListenerBinding, context: Context) throws(PostfixRenderError) -> ListenerService {
        let listener = binding.listener
        var service = ListenerService(binding: binding)
        service.overrides.append(("syslog_name", "postfix/\(listener.name)"))
        if let hostname = binding.hostname { service.overrides.append(("myhostname", hostname)) }

        let rat = try RecipientAccessRenderer.render(listener, tables: context.tables)
        let ratClass = "strata_rat_" + listener.name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let hat = try HostAccessRenderer.render(listener, tables: context.tables, ratClass: ratClass)
        if hat.usesRATClass { service.restrictionClass = (ratClass, rat.restrictions) }
        service.files += hat.files + (rat.file.map { [$0] } ?? [])
        service.warnings += hat.warnings + rat.warnings
        service.acceptedDomains = rat.acceptedDomains

        var relay: [String] = []
        var saslOverrides: [(String, String)] = []
        if let profile = listener.smtpAuthProfile {
            let sasl = try SASLRenderer.render(
                profile: profile, listener: listener, profiles: context.authProfiles, directory: context.directory,
                configDirectory: context.configDirectory)
            service.files += sasl.files
            service.warnings.append(sasl.warning)
            service.usesSASL = true
            relay.append("permit_sasl_authenticated")
            saslOverrides = sasl.overrides
        }
        relay += hat.relayRestrictions + (hat.relaysEveryone ? [] : rat.restrictions)
        service.overrides.append(("smtpd_client_restrictions", hat.clientRestrictions.joined(separator: ",")))
        service.overrides.append(("smtpd_relay_restrictions", relay.joined(separator: ",")))
        service.overrides += saslOverrides
        try addLDAP(listener, context: context, to: &service)
        if let footer = listener.footer {
            service.warnings.append(RenderWarning(
                feature: "listeners", path: "\(listener.node.path).footer",
                message: "footer '\(footer)' is not added: Postfix has no native footers or disclaimers (alterMIME or a milter would be needed)"))
        }
        return service
    }

    private static func addLDAP(_ listener: ListenerSettings, context: Context, to service: inout ListenerService) throws(PostfixRenderError) {
        for (use, query) in listener.ldap {
            let referrer = SettingNode(json: .null, feature: "listeners", path: "\(listener.node.path).ldap.\(use)")
            guard use != "group" else {
                service.warnings.append(RenderWarning(
                    feature: "listeners", path: referrer.path, message: "LDAP group queries have no Postfix mapping: not used"))
                continue
            }
            let table = try LDAPTableRenderer.table(query, use: use, directory: context.directory, referrer: referrer, tables: context.tables)
            service.files.append(table.file)
            if use == "accept" {
                service.overrides.append(("relay_recipient_maps", table.reference))
            } else {
                service.instanceMaps.append((use, table.reference))
            }
        }
    }
}
