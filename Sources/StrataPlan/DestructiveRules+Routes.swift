import StrataModel

extension DestructiveRules {
    /// Rule 3 for `smtp_routes` (emptied) and rule 4: a domain whose mail was delivered (by its own route or the
    /// `default` route to a host, or to its MX without a route) and would be discarded, by a route of its own to
    /// `/dev/null` or, its own route removed, by a `default` route to `/dev/null`. Every domain named in either side's
    /// routes is weighed, and `default` itself (the catch-all: every other domain). A domain given a route of its own
    /// to `/dev/null` that it did not have is an explicit blackhole, not flagged. Domains compare without case, as
    /// Postfix's transport map does; a parent-domain pattern (`.example.com`) is weighed as its own key only, not for
    /// the subdomains it covers.
    static func routes(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        if !old.routes.isEmpty && new.routes.isEmpty {
            let count = old.routes.count
            return [DestructiveChange(
                kind: .smtpRoutesEmptied, path: "smtp_routes",
                reason: "smtp_routes had \(count) route\(count == 1 ? "" : "s") and would be empty")]
        }
        var domains: [String] = []
        var seen = Set<String>()
        for domain in new.routes.map(\.key) + old.routes.map(\.key) + ["default"] where seen.insert(domain.lowercased()).inserted {
            domains.append(domain)
        }
        var found: [DestructiveChange] = []
        for domain in domains {
            let was = Delivery(domain, old.routes)
            let becomes = Delivery(domain, new.routes)
            guard !was.discards, becomes.discards else { continue }
            if becomes.via == .own && was.via != .own && domain.lowercased() != "default" { continue }
            let named = domain.lowercased() == "default" ? "default (every domain without a route of its own)" : domain
            let fate = becomes.via == .own
                ? "would be discarded (/dev/null)" : "without its route would fall to the default route and be discarded (/dev/null)"
            found.append(DestructiveChange(
                kind: .domainToDevNull, path: becomes.via == .own ? "smtp_routes[\(domain)].destinations" : "smtp_routes[\(domain)]",
                reason: "mail for \(named) \(was.delivered) and \(fate)"))
        }
        return found
    }

    /// Where one side sends a domain's mail.
    struct Delivery {
        /// Which route decides.
        enum Via { case own, defaultRoute, mx }

        var via: Via
        var destinations: [String]

        /// By the domain's own route, else the `default` route, else to its MX.
        init(_ domain: String, _ routes: [(key: String, value: Value)]) {
            let key = domain.lowercased()
            if let own = routes.first(where: { $0.key.lowercased() == key }) {
                (via, destinations) = (.own, Self.destinations(own.value))
            } else if let fallback = routes.first(where: { $0.key.lowercased() == "default" }) {
                (via, destinations) = (.defaultRoute, Self.destinations(fallback.value))
            } else {
                (via, destinations) = (.mx, [])
            }
        }

        /// Whether the mail is discarded: every destination is `/dev/null`.
        var discards: Bool { via != .mx && destinations.allSatisfy { $0 == "/dev/null" } }

        /// `was delivered to mx.example.com:25`, for a reason.
        var delivered: String {
            switch via {
            case .own: "was delivered to \(destinations.joined(separator: ", "))"
            case .defaultRoute: "was delivered to \(destinations.joined(separator: ", ")) by the default route"
            case .mx: "was delivered to its MX"
            }
        }

        private static func destinations(_ route: Value) -> [String] {
            route[field: "destinations"]?.listItems?.compactMap(\.stringValue) ?? []
        }
    }
}
