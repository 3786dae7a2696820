/// main.cf: a relay with no local delivery, the layout's directories and log, the addresses the
/// listeners bind, the transport map and destination policies, instance-wide LDAP maps, and `mta`.
enum MainCfRenderer {
    /// Pinned so a Postfix upgrade cannot change defaults under a rendered configuration.
    static let compatibilityLevel = "3.6"
    /// Postfix's default without `smtpd_access_maps` and `relay_domains`: `example.com` then means
    /// that domain only and `.example.com` its subdomains, as in Strata.
    static let parentDomainMatches = "debug_peer_list, fast_flush_domains, mynetworks, permit_mx_backup_networks, qmqpd_authorized_clients"

    /// Everything main.cf is made from.
    struct Input {
        let machine: String
        let hostname: String
        let layout: PostfixLayout
        let inetInterfaces: [String]
        let inetProtocols: String
        let relayDomains: [String]
        let transports: [ClonedTransport]
        let instanceMaps: [(use: String, reference: String)]
        let usesSASL: Bool
        let restrictionClasses: [(name: String, restrictions: [String])]
        let bounceTemplate: Bool
        let mta: [(String, String)]
    }

    static func render(_ input: Input) -> String {
        let config = input.layout.configDirectory
        var sections: [(String, [(String, String)])] = []
        var instance = [("compatibility_level", compatibilityLevel), ("myhostname", input.hostname)]
        if let queue = input.layout.queueDirectory { instance.append(("queue_directory", queue)) }
        if let data = input.layout.dataDirectory { instance.append(("data_directory", data)) }
        instance += [
            ("maillog_file", input.layout.maillogFile), ("maillog_file_prefixes", directory(of: input.layout.maillogFile)),
            ("inet_interfaces", input.inetInterfaces.joined(separator: ", ")), ("inet_protocols", input.inetProtocols),
        ]
        sections.append(("instance", instance))
        sections.append(("a relay: no local delivery", [
            ("mydestination", ""), ("local_recipient_maps", ""), ("alias_maps", ""), ("alias_database", ""),
            ("biff", "no"), ("append_dot_mydomain", "no"), ("parent_domain_matches_subdomains", parentDomainMatches),
            ("relay_domains", input.relayDomains.joined(separator: ", ")),
        ]))
        var routing = [("transport_maps", "texthash:\(config)/tables/transport")]
        if let fallback = input.transports.first(where: { $0.destination == "default" }) {
            routing += [("default_transport", "\(fallback.service):"), ("relay_transport", "\(fallback.service):")]
        }
        routing += input.transports.map { ("\($0.service)_destination_concurrency_limit", String($0.maxConnections)) }
        sections.append(("smtp_routes, destination_controls, global_unsubscribe", routing))
        var maps: [(String, String)] = []
        let parameters = ["routing": "virtual_alias_maps", "masquerade": "sender_canonical_maps"]
        for (use, parameter) in parameters.sorted(by: { $0.value > $1.value }) {
            let references = input.instanceMaps.filter { $0.use == use }.map(\.reference)
            if !references.isEmpty { maps.append((parameter, unique(references).joined(separator: ", "))) }
        }
        if input.usesSASL { maps.append(("cyrus_sasl_config_path", "\(config)/sasl")) }
        if input.bounceTemplate { maps.append(("bounce_template_file", "\(config)/bounce.cf")) }
        if !maps.isEmpty { sections.append(("ldap, smtp_auth_profiles, text_resources", maps)) }
        if !input.restrictionClasses.isEmpty {
            let classes = input.restrictionClasses
            sections.append(("listeners: RATs named by HAT tables", [("smtpd_restriction_classes", classes.map(\.name).joined(separator: ", "))]
                + classes.map { ($0.name, $0.restrictions.joined(separator: " ")) }))
        }
        if !input.mta.isEmpty { sections.append(("mta", input.mta)) }

        var text = "# main.cf rendered by Strata for \(input.machine). Hand edits are reported as drift and replaced.\n"
        for (title, lines) in sections {
            text += "\n# \(title)\n"
            for (name, value) in lines { text += value.isEmpty ? "\(name) =\n" : "\(name) = \(value)\n" }
        }
        return text
    }

    /// Keeps the first of each value, in order.
    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
