public import StrataModel

/// The destructive-change guard's rules, from a machine's configuration before (live, or revision A) to after
/// (desired, or revision B). Pure. A machine created (nothing before) or released (nothing after) has none: only a
/// change of a machine that already accepted mail can stop it. Reordering, adding, and shrinking a table to a
/// smaller non-empty one are not destructive.
public enum DestructiveRules {
    /// Every finding, in rule order: listeners, interfaces, access tables, SMTP routes.
    public static func findings(before: EffectiveConfiguration, after: EffectiveConfiguration) -> [DestructiveChange] {
        let old = Tables(before)
        let new = Tables(after)
        return noListener(old, new) + boundInterfaces(old, new) + accessTables(old, new) + routes(old, new)
    }

    /// Rule 1: listeners before, none after.
    static func noListener(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        guard !old.listeners.isEmpty, new.listeners.isEmpty else { return [] }
        let names = old.listeners.map(\.key).joined(separator: ", ")
        let count = old.listeners.count
        return [DestructiveChange(
            kind: .noListener, path: "listeners",
            reason: "the machine accepted mail on \(count) listener\(count == 1 ? "" : "s") (\(names)) and would have none")]
    }

    /// Rule 2: an interface that a listener of before binds is removed, or its address changes.
    static func boundInterfaces(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        var found: [DestructiveChange] = []
        for (name, interface) in old.interfaces {
            let binders = old.listeners.filter { $0.value[field: "interface"]?.stringValue == name }.map(\.key)
            guard !binders.isEmpty else { continue }
            let listed = "listener\(binders.count == 1 ? "" : "s") \(binders.joined(separator: ", "))"
            guard let replacement = new.interfaces.first(where: { $0.key == name })?.value else {
                found.append(DestructiveChange(
                    kind: .boundInterfaceRemoved, path: "interfaces[\(name)]",
                    reason: "interface \(name) is removed, and \(listed) bound it"))
                continue
            }
            let was = interface[field: "address"]?.stringValue ?? ""
            let becomes = replacement[field: "address"]?.stringValue ?? ""
            if was != becomes {
                found.append(DestructiveChange(
                    kind: .boundAddressChanged, path: "interfaces[\(name)].address",
                    reason: "the address of interface \(name) changes from \(was) to \(becomes), and \(listed) bound it"))
            }
        }
        return found
    }

    /// Rule 3 for listeners: a listener on both sides whose HAT or RAT had rows and has none.
    static func accessTables(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        var found: [DestructiveChange] = []
        for (name, listener) in old.listeners {
            guard let after = new.listeners.first(where: { $0.key == name })?.value else { continue }
            for (field, kind, noun) in [("hat", DestructiveChange.Kind.hatEmptied, "host"), ("rat", .ratEmptied, "recipient")] {
                let rows = listener[field: field]?.listItems?.count ?? 0
                guard rows > 0, (after[field: field]?.listItems ?? []).isEmpty else { continue }
                found.append(DestructiveChange(
                    kind: kind, path: "listeners[\(name)].\(field)",
                    reason: "the \(noun) access table of listener \(name) had \(rows) row\(rows == 1 ? "" : "s") and would be empty"))
            }
        }
        return found
    }

    /// Rule 3 for `smtp_routes` (emptied) and rule 4 (a delivered domain routed only to `/dev/null`: one whose route
    /// had a host, or a new `default` route, the catch-all that sent every other domain to its MX).
    static func routes(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        if !old.routes.isEmpty && new.routes.isEmpty {
            let count = old.routes.count
            return [DestructiveChange(
                kind: .smtpRoutesEmptied, path: "smtp_routes",
                reason: "smtp_routes had \(count) route\(count == 1 ? "" : "s") and would be empty")]
        }
        var found: [DestructiveChange] = []
        for (domain, route) in new.routes where destinations(route).allSatisfy(isDevNull) {
            // Domains compare as Postfix's transport map does: without case.
            let before = old.routes.first { $0.key.lowercased() == domain.lowercased() }?.value
            let delivered: String
            if let before {
                let was = destinations(before)
                guard !was.allSatisfy(isDevNull) else { continue }
                delivered = "was delivered to \(was.joined(separator: ", "))"
            } else if domain.lowercased() == "default" {
                // The catch-all: every domain without a route of its own, delivered to its MX before.
                delivered = "(every domain without a route of its own) was delivered to its MX"
            } else {
                // A new domain blackholed on purpose: not mail this configuration delivered.
                continue
            }
            found.append(DestructiveChange(
                kind: .domainToDevNull, path: "smtp_routes[\(domain)].destinations",
                reason: "mail for \(domain) \(delivered) and would be discarded (/dev/null)"))
        }
        return found
    }

    private static func destinations(_ route: Value) -> [String] {
        route[field: "destinations"]?.listItems?.compactMap(\.stringValue) ?? []
    }

    private static func isDevNull(_ destination: String) -> Bool { destination == "/dev/null" }

    /// The keyed tables the rules read, by key in their order (a feature left out is an empty table).
    struct Tables {
        var listeners: [(key: String, value: Value)]
        var interfaces: [(key: String, value: Value)]
        var routes: [(key: String, value: Value)]

        init(_ configuration: EffectiveConfiguration) {
            listeners = Self.keyed(configuration, "listeners", key: "name")
            interfaces = Self.keyed(configuration, "interfaces", key: "name")
            routes = Self.keyed(configuration, "smtp_routes", key: "domain")
        }

        private static func keyed(_ configuration: EffectiveConfiguration, _ feature: String, key: String) -> [(key: String, value: Value)] {
            (configuration[feature: feature]?.value.listItems ?? []).map { item in
                (key: item[field: key]?.stringValue ?? "", value: item)
            }
        }
    }
}
