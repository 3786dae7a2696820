public import StrataModel

/// Turns a machine's canonical effective configuration into the complete files of a Postfix instance.
/// The agent's backend and `strata render` both call this, so a reviewer reads exactly what is applied.
public enum PostfixRenderer {
    /// Renders every file; deterministic for equal inputs. Table paths are absolute under
    /// `layout.configDirectory` (stable paths: the agent swaps whole directories, never rewrites them).
    public static func render(
        configuration: JSON, machine: String, secrets: PostfixSecrets, layout: PostfixLayout
    ) throws(PostfixRenderError) -> PostfixRendering {
        guard case .object = configuration else {
            throw PostfixRenderError(feature: "", path: "", message: "the configuration must be a JSON object")
        }
        let layout = try checked(layout)
        let services = try listenerServices(configuration, secrets: secrets, layout: layout)
        let transport = try TransportRenderer.render(
            routes: try list("smtp_routes", configuration, keyField: "domain"),
            controls: try list("destination_controls", configuration, keyField: "destination"),
            unsubscribe: try list("global_unsubscribe", configuration))
        let listeners = services.map(\.binding.listener)
        let mta = SettingNode.feature("mta", of: configuration)
        let mtaLines = try MTAParameters.render(mta)
        let bounce = try BounceRenderer.template(try list("text_resources", configuration, keyField: "name"))
        var warnings = services.flatMap(\.warnings) + mtaLines.warnings + bounce.warnings
        warnings += try BounceRenderer.warnings(
            listeners: listeners, profiles: try list("bounce_profiles", configuration, keyField: "name"), mta: mta)
        warnings += instanceMapWarnings(services)
        warnings += try UnmappedFeatures.warnings(configuration: configuration)

        let interfaces = MainCfRenderer.unique(services.map { IPText.inetInterface(for: $0.binding.address) }).sorted()
        let protocols = inetProtocols(services.map(\.binding))
        let hostname = try PostfixText.hostname(SettingNode.feature("hostname", of: configuration), machine: machine)
        let main = MainCfRenderer.render(MainCfRenderer.Input(
            machine: machine, hostname: hostname, layout: layout, inetInterfaces: interfaces.isEmpty ? ["loopback-only"] : interfaces,
            inetProtocols: protocols, relayDomains: MainCfRenderer.unique(services.flatMap(\.acceptedDomains)),
            transports: transport.transports, instanceMaps: services.flatMap(\.instanceMaps), usesSASL: services.contains(where: \.usesSASL),
            restrictionClasses: services.compactMap(\.restrictionClass),
            bounceTemplate: bounce.file != nil, mta: mtaLines.lines))
        let master = MasterCfRenderer.render(machine: machine, listeners: services, transports: transport.transports)

        var files = [RenderedFile(path: "main.cf", content: main), RenderedFile(path: "master.cf", content: master), transport.file]
        files += services.flatMap(\.files) + (bounce.file.map { [$0] } ?? [])
        var byPath: [String: RenderedFile] = [:]
        for file in files where byPath[file.path] == nil { byPath[file.path] = file }
        return PostfixRendering(
            files: byPath.values.sorted { $0.path < $1.path }, warnings: warnings,
            listeners: services.map { ProbeTarget(listener: $0.binding.listener.name, address: $0.binding.address, port: $0.binding.listener.port) },
            inetInterfaces: interfaces.isEmpty ? ["loopback-only"] : interfaces, inetProtocols: protocols,
            virtualAddresses: MainCfRenderer.unique(services.flatMap(\.virtualAddresses)))
    }

    private static func listenerServices(
        _ configuration: JSON, secrets: PostfixSecrets, layout: PostfixLayout
    ) throws(PostfixRenderError) -> [ListenerService] {
        let listeners = try list("listeners", configuration, keyField: "name").map { node throws(PostfixRenderError) in try ListenerSettings(node) }
        let bindings = try ListenerBinding.resolve(listeners, interfaces: try list("interfaces", configuration, keyField: "name"))
        let context = ListenerServiceRenderer.Context(
            tables: "\(layout.configDirectory)/tables", configDirectory: layout.configDirectory,
            directory: try LDAPDirectory(SettingNode.feature("ldap", of: configuration), secrets: secrets),
            authProfiles: try list("smtp_auth_profiles", configuration, keyField: "name"))
        let failover = try FailoverAddresses.read(configuration)
        var services: [ListenerService] = []
        var bound: Set<String> = []
        for binding in bindings {
            var service = try ListenerServiceRenderer.render(binding, context: context)
            if binding.listener.interface == failover?.interface { service.virtualAddresses = failover?.addresses ?? [] }
            for name in [binding.serviceName] + service.virtualAddresses.map(service.serviceName(virtual:)) {
                guard bound.insert(name).inserted else { throw binding.listener.node.failure("another listener already binds \(name)") }
            }
            services.append(service)
        }
        return services
    }

    /// `virtual_alias_maps` and `sender_canonical_maps` serve every listener: say so when not every listener asked for them.
    private static func instanceMapWarnings(_ services: [ListenerService]) -> [RenderWarning] {
        var warnings: [RenderWarning] = []
        for use in ["routing", "masquerade"] {
            let references = Set(services.flatMap { $0.instanceMaps.filter { $0.use == use }.map(\.reference) })
            guard !references.isEmpty else { continue }
            for service in services where Set(service.instanceMaps.filter { $0.use == use }.map(\.reference)) != references {
                warnings.append(RenderWarning(
                    feature: "listeners", path: "\(service.binding.listener.node.path).ldap.\(use)",
                    message: "LDAP \(use) applies to every listener of the instance in Postfix, this one included"))
            }
        }
        return warnings
    }

    private static func list(_ feature: String, _ configuration: JSON, keyField: String? = nil) throws(PostfixRenderError) -> [SettingNode] {
        try SettingNode.feature(feature, of: configuration)?.items(keyField: keyField) ?? []
    }

    private static func inetProtocols(_ bindings: [ListenerBinding]) -> String {
        let v6 = bindings.contains(where: \.isIPv6)
        let v4 = bindings.contains { !$0.isIPv6 }
        return v6 && v4 ? "all" : v6 ? "ipv6" : "ipv4"
    }

    private static func checked(_ layout: PostfixLayout) throws(PostfixRenderError) -> PostfixLayout {
        var checked = layout
        checked.configDirectory = try PostfixText.layoutPath(layout.configDirectory, parameter: "config_directory")
        checked.queueDirectory = try layout.queueDirectory.map { path throws(PostfixRenderError) in
            try PostfixText.layoutPath(path, parameter: "queue_directory")
        }
        checked.dataDirectory = try layout.dataDirectory.map { path throws(PostfixRenderError) in
            try PostfixText.layoutPath(path, parameter: "data_directory")
        }
        checked.maillogFile = try PostfixText.layoutPath(layout.maillogFile, parameter: "maillog_file")
        while checked.configDirectory.count > 1 && checked.configDirectory.hasSuffix("/") { checked.configDirectory.removeLast() }
        return checked
    }
}
