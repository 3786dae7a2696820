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

    /// Rule 2: an interface that a listener of before binds is removed, or its IP changes. An interface renamed with
    /// its IP kept (some interface of after has it, and the listeners bind the new name, or the configuration would not
    /// compile) is not removed; a prefix length changed alone is not an address change: the listeners bind the IP.
    static func boundInterfaces(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        var found: [DestructiveChange] = []
        for (name, interface) in old.interfaces {
            let binders = old.listeners.filter { $0.value[field: "interface"]?.stringValue == name }.map(\.key)
            guard !binders.isEmpty else { continue }
            let listed = "listener\(binders.count == 1 ? "" : "s") \(binders.joined(separator: ", ")) bound it"
            let was = interface[field: "address"]?.stringValue ?? ""
            guard let replacement = new.interfaces.first(where: { $0.key == name })?.value else {
                if !ip(was).isEmpty && new.interfaces.contains(where: { ip($0.value[field: "address"]?.stringValue ?? "") == ip(was) }) { continue }
                found.append(DestructiveChange(
                    kind: .boundInterfaceRemoved, path: "interfaces[\(name)]", reason: "interface \(name) is removed, and \(listed)"))
                continue
            }
            let becomes = replacement[field: "address"]?.stringValue ?? ""
            if ip(was) != ip(becomes) {
                found.append(DestructiveChange(
                    kind: .boundAddressChanged, path: "interfaces[\(name)].address",
                    reason: "the address of interface \(name) changes from \(was) to \(becomes), and \(listed)"))
            }
        }
        return found
    }

    /// `198.51.100.10` of `198.51.100.10/24`.
    static func ip(_ address: String) -> Substring { address.prefix { $0 != "/" } }

    /// Rule 3 for listeners: a listener of before whose HAT or RAT had rows, and has none in after. The listener of
    /// after is the one of the same name, else (a rename) the new one bound to the same interface and port.
    static func accessTables(_ old: Tables, _ new: Tables) -> [DestructiveChange] {
        var found: [DestructiveChange] = []
        let oldNames = Set(old.listeners.map(\.key))
        for (name, listener) in old.listeners {
            let renamed = new.listeners.first { !oldNames.contains($0.key) && sameBinding($0.value, listener) }
            guard let match = new.listeners.first(where: { $0.key == name }) ?? renamed else { continue }
            let (newName, after) = (match.key, match.value)
            let label = newName == name ? name : "\(newName) (was \(name))"
            for (field, kind, noun) in [("hat", DestructiveChange.Kind.hatEmptied, "host"), ("rat", .ratEmptied, "recipient")] {
                let rows = listener[field: field]?.listItems?.count ?? 0
                guard rows > 0, (after[field: field]?.listItems ?? []).isEmpty else { continue }
                found.append(DestructiveChange(
                    kind: kind, path: "listeners[\(newName)].\(field)",
                    reason: "the \(noun) access table of listener \(label) had \(rows) row\(rows == 1 ? "" : "s") and would be empty"))
            }
        }
        return found
    }

    /// Whether two listeners bind the same interface and port.
    private static func sameBinding(_ one: Value, _ other: Value) -> Bool {
        one[field: "interface"]?.stringValue == other[field: "interface"]?.stringValue
            && one[field: "port"]?.integerValue == other[field: "port"]?.integerValue
    }

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
