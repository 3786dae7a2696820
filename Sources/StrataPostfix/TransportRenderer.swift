/// `smtp_routes`, `destination_controls` and `global_unsubscribe` → the transport map: routed
/// domains to their next hops in order (through the policy's cloned transport), `/dev/null` and
/// unsubscribed addresses to `discard:`.
enum TransportRenderer {
    /// The transport table and what main.cf and master.cf need for it.
    struct Output {
        var file: RenderedFile
        var transports: [ClonedTransport]
    }

    static func render(
        routes: [SettingNode], controls: [SettingNode], unsubscribe: [SettingNode]
    ) throws(PostfixRenderError) -> Output {
        let transports = try ClonedTransport.read(controls)
        var entries: [(key: String, value: String)] = []
        var defaultHops: [String]?
        for route in routes {
            let domain = try PostfixText.token(try route.string("domain"), route).lowercased()
            let destinations = try route.list("destinations")
            let hops = try destinations.map { node throws(PostfixRenderError) in try nexthop(try node.text(), node) }
            let key = domain == "default" ? "*" : domain
            if hops.contains("/dev/null") {
                guard hops.allSatisfy({ $0 == "/dev/null" }) else {
                    throw route.failure("a route cannot mix /dev/null with hosts", at: "\(route.path).destinations")
                }
                entries.append((key, "discard:"))
                continue
            }
            if domain == "default" { defaultHops = hops }
            let service = ClonedTransport.policy(for: domain, in: transports)?.service ?? "smtp"
            entries.append((key, "\(service):" + hops.joined(separator: ", ")))
        }
        for transport in transports where transport.destination != "default" {
            guard !entries.contains(where: { $0.key == transport.destination }) else { continue }
            // Without a route the policy still applies; the next hop is the default route's, else the domain's MX.
            entries.append((transport.destination, "\(transport.service):" + (defaultHops ?? []).joined(separator: ", ")))
        }
        for node in unsubscribe {
            let key = try PostfixText.token(try node.text(), node).lowercased()
            entries.removeAll { $0.key == key }
            entries.append((key, "discard:"))
        }
        var text = "# Transport map: smtp_routes, destination_controls and global_unsubscribe\n"
        for entry in entries { text += "\(entry.key) \(entry.value)\n" }
        return Output(file: RenderedFile(path: "tables/transport", content: text), transports: transports)
    }

    /// `host[:port]` → `[host]:port` (no MX lookup, as AsyncOS routes deliver to the host itself);
    /// `[IPv6]:port` is already in Postfix's form.
    private static func nexthop(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> String {
        let word = try PostfixText.token(text, node)
        if word == "/dev/null" || word.hasPrefix("[") { return word }
        let parts = word.split(separator: ":", maxSplits: 1)
        return parts.count == 2 ? "[\(parts[0])]:\(parts[1])" : "[\(word)]"
    }
}
