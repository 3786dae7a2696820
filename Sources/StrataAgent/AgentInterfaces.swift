import StrataModel

/// agent.yaml's top-level `interfaces:` map (DECISIONS: "Failover"): Strata interface name → OS device,
/// for backends that name devices. It is a map with names the operator chooses, so it is read here
/// rather than by the record schema; every problem is a diagnostic at its line.
enum AgentInterfaces {
    /// Takes `interfaces:` out of the root; the rest is returned for the ordinary schema. Nil map: a
    /// diagnostic was reported.
    static func decode(from root: YAMLNode, diagnostics: inout Diagnostics, file: String) -> (rest: YAMLNode, map: [String: String]?) {
        guard let entries = root.mappingEntries, let entry = entries.first(where: { $0.keyText == "interfaces" }) else { return (root, [:]) }
        let rest = YAMLNode(.mapping(entries.filter { $0.keyText != "interfaces" }), at: root.mark)
        guard let items = entry.value.mappingEntries else {
            diagnostics.report(
                .typeMismatch, "'agent.interfaces' must be a map of Strata interface names to devices", at: entry.value.mark.location(in: file),
                help: "write it as `interfaces: {Data1: eth0}`")
            return (rest, nil)
        }
        var map: [String: String] = [:]
        var valid = true
        for item in items {
            let name = item.keyText ?? ""
            guard case .string(let device)? = item.value.scalar?.resolved, isDevice(device) else {
                diagnostics.report(
                    .invalidValue, "'agent.interfaces.\(name)' must be a device name (1-15 characters, no '/', ':' or spaces)",
                    at: item.value.mark.location(in: file))
                valid = false
                continue
            }
            guard map[name] == nil else {
                diagnostics.report(.duplicateKey, "'agent.interfaces' maps '\(name)' twice", at: item.key.mark.location(in: file))
                valid = false
                continue
            }
            map[name] = device
        }
        return (rest, valid ? map : nil)
    }

    /// What Linux accepts as an interface name (IFNAMSIZ, dev_valid_name).
    static func isDevice(_ text: String) -> Bool {
        (1...15).contains(text.utf8.count) && text != "." && text != ".."
            && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "/" && $0 != ":" }
    }
}
