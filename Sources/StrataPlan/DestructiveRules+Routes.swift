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
        // Each side's routes indexed once by lower-cased domain: weighing every domain against a list of thousands of
        // routes would be quadratic (a plan of 2,000 machines with 2,000 routes each).
        let was = RouteIndex(old.routes)
        let becomes = RouteIndex(new.routes)
        // A domain's fate depends on its own route and the default route only: when neither changed, it cannot change.
        let defaultChanged = was.routes["default"] != becomes.routes["default"]
        var found: [DestructiveChange] = []
        var seen = Set<String>()
        for (key, domain) in becomes.domains + was.domains + [("default", "default")] {
            guard seen.insert(key).inserted, defaultChanged || was.routes[key] != becomes.routes[key] else { continue }
            let before = Delivery(key, was)
            let after = Delivery(key, becomes)
            guard !before.discards, after.discards else { continue }
            if after.via == .own && before.via != .own && key != "default" { continue }
            let named = key == "default" ? "default (every domain without a route of its own)" : domain
            let fate = after.via == .own
                ? "would be discarded (/dev/null)" : "without its route would fall to the default route and be discarded (/dev/null)"
            found.append(DestructiveChange(
                kind: .domainToDevNull, path: after.via == .own ? "smtp_routes[\(domain)].destinations" : "smtp_routes[\(domain)]",
                reason: "mail for \(named) \(before.delivered) and \(fate)"))
        }
        return found
    }

    /// One side's routes by lower-cased domain: the first route of each, as Postfix's transport map takes it.
    struct RouteIndex {
        /// The first route of each lower-cased domain.
        let routes: [String: Value]
        /// Each lower-cased domain once, with the domain as first written, in the routes' order.
        let domains: [(key: String, domain: String)]

        init(_ routes: [(key: String, value: Value)]) {
            var first: [String: Value] = [:]
            var domains: [(key: String, domain: String)] = []
            first.reserveCapacity(routes.count)
            domains.reserveCapacity(routes.count)
            for route in routes {
                let key = Self.lowercased(route.key)
                if first[key] == nil {
                    first[key] = route.value
                    domains.append((key, route.key))
                }
            }
            (self.routes, self.domains) = (first, domains)
        }

        /// The domain in lower case; most are already, and keep their storage instead of a copy.
        private static func lowercased(_ domain: String) -> String {
            domain.utf8.contains { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 } ? domain.lowercased() : domain
        }
    }

    /// Where one side sends a domain's mail.
    struct Delivery {
        /// Which route decides.
        enum Via { case own, defaultRoute, mx }

        var via: Via
        var destinations: [String]

        /// By the domain's own route, else the `default` route, else to its MX; `key` is the lower-cased domain.
        init(_ key: String, _ index: RouteIndex) {
            if let own = index.routes[key] {
                (via, destinations) = (.own, Self.destinations(own))
            } else if let fallback = index.routes["default"] {
                (via, destinations) = (.defaultRoute, Self.destinations(fallback))
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
