/// A copy of the `smtp` service for one `destination_controls` policy: its own concurrency limit,
/// connection reuse limit and TLS level.
struct ClonedTransport {
    /// The master.cf service name, e.g. `dc_default`, `dc_example_com`, `dc_sub_example_com`.
    let service: String
    /// The Strata destination (`default`, `example.com`, `.example.com`).
    let destination: String
    let maxConnections: Int
    let maxMessagesPerConnection: Int
    /// `none`, `may` or `encrypt`.
    let tlsLevel: String

    /// Reads every policy, naming services uniquely.
    static func read(_ controls: [SettingNode]) throws(PostfixRenderError) -> [ClonedTransport] {
        var transports: [ClonedTransport] = []
        for node in controls {
            let destination = try PostfixText.token(try node.string("destination"), node).lowercased()
            let tls = try node.optionalString("tls") ?? "off"
            let levels = ["off": "none", "preferred": "may", "required": "encrypt"]
            guard let level = levels[tls] else { throw node.failure("unknown TLS setting '\(tls)'", at: "\(node.path).tls") }
            let readable = destination.hasPrefix(".") ? "sub_" + destination.dropFirst() : destination
            let base = "dc_" + readable.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            var service = base
            var suffix = 2
            while transports.contains(where: { $0.service == service }) {
                service = "\(base)_\(suffix)"
                suffix += 1
            }
            transports.append(ClonedTransport(
                service: service, destination: destination, maxConnections: try node.int("max_connections", default: 500),
                maxMessagesPerConnection: try node.int("max_messages_per_connection", default: 50), tlsLevel: level))
        }
        return transports
    }

    /// The policy for mail to `domain` (a route's domain or `default`): the same destination, else
    /// the longest `.parent` policy covering it, else `default`.
    static func policy(for domain: String, in transports: [ClonedTransport]) -> ClonedTransport? {
        if let exact = transports.first(where: { $0.destination == domain }) { return exact }
        let parents = transports.filter { $0.destination.hasPrefix(".") && domain.hasSuffix($0.destination) }
        if let parent = parents.max(by: { $0.destination.count < $1.destination.count }) { return parent }
        return transports.first { $0.destination == "default" }
    }
}
