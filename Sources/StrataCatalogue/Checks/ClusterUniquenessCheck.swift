import StrataModel

/// E403–E406: interface addresses, host names, serials and feature keys are unique across the cluster.
struct ClusterUniquenessCheck: Check {
    private struct Claim {
        var value: String
        /// What is compared: the value in canonical form (lowercase host names, canonical IPv6).
        var key: String
        var machine: MachineName
        var location: SourceLocation
    }

    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        var addresses: [Claim] = []
        var hostnames: [Claim] = []
        var features: [Claim] = []
        var serials: [Claim] = []
        for machine in context.cluster.effective {
            let file = context.file(of: .machine(machine.machine))
            if context.usable(.interfaces, of: machine) {
                for interface in machine[feature: .interfaces]?.value.listItems ?? [] {
                    guard let cidr = interface[field: "address"] else { continue }
                    let address = cidr.stringValue?.split(separator: "/").first.map(String.init) ?? ""
                    addresses.append(Claim(
                        value: address, key: Self.canonicalAddress(address), machine: machine.machine,
                        location: cidr.location ?? .file(file)))
                }
            }
            if context.usable(.hostname, of: machine), let hostname = machine[feature: .hostname]?.value {
                // DNS names are case-insensitive: NewYork.example.com and newyork.example.com are one host.
                let name = hostname.stringValue ?? ""
                hostnames.append(Claim(value: name, key: name.lowercased(), machine: machine.machine, location: hostname.location ?? .file(file)))
            }
            if context.usable(.featureKeys, of: machine) {
                for key in machine[feature: .featureKeys]?.value.listItems ?? [] {
                    guard let value = key[field: "key"] else { continue }
                    let key = value.stringValue ?? ""
                    features.append(Claim(value: key, key: key, machine: machine.machine, location: value.location ?? .file(file)))
                }
            }
        }
        for name in context.cluster.machines.keys.sorted() {
            guard let spec = context.cluster.machines[name], let serial = spec.serial else { continue }
            serials.append(Claim(value: serial, key: serial, machine: name, location: spec.serialLocation ?? .file(spec.settings.file)))
        }
        report(addresses, code: .duplicateAddress, noun: "interface address", help: "give each machine's interfaces their own addresses", into: &diagnostics)
        report(hostnames, code: .duplicateHostname, noun: "host name", help: "every machine needs its own host name", into: &diagnostics)
        report(serials, code: .duplicateSerial, noun: "serial number", help: "check the serial printed on each appliance", into: &diagnostics)
        report(features, code: .duplicateFeatureKey, noun: "feature key", help: "each machine needs its own licence key", into: &diagnostics)
    }

    private func report(_ claims: [Claim], code: DiagnosticCode, noun: String, help: String, into diagnostics: inout Diagnostics) {
        var first: [String: Claim] = [:]
        for claim in claims {
            guard let earlier = first[claim.key] else {
                first[claim.key] = claim
                continue
            }
            let shown = code == .duplicateFeatureKey ? "a feature key" : "\(noun) '\(claim.value)'"
            let whose = earlier.machine == claim.machine ? "twice on machine '\(claim.machine)'" : "by machines '\(earlier.machine)' and '\(claim.machine)'"
            // Which of the two is the mistake cannot be told from the files: the note names the other use, not a "first" one.
            let spelt = earlier.value != claim.value && code != .duplicateFeatureKey ? " (as '\(earlier.value)')" : ""
            diagnostics.report(
                code, "\(shown) is used \(whose)", at: claim.location,
                notes: [DiagnosticNote("also used here\(spelt), by machine '\(earlier.machine)'", at: earlier.location)], help: help)
        }
    }

    /// IPv6 addresses in one spelling (`2001:DB8:0::1` and `2001:db8::1` are the same address); IPv4 as written.
    static func canonicalAddress(_ address: String) -> String {
        guard address.contains(":"), NameRules.isIPv6(address) else { return address }
        var text = Substring(address.lowercased())
        var tail: [Int] = []
        // An embedded IPv4 suffix (::ffff:192.0.2.1) becomes two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            let octets = text[text.index(after: lastColon)...].split(separator: ".").compactMap { Int($0) }
            guard octets.count == 4 else { return address }
            tail = [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        func groups(_ part: Substring) -> [Int] {
            part.isEmpty ? [] : part.split(separator: ":", omittingEmptySubsequences: false).map { Int($0, radix: 16) ?? 0 }
        }
        var result: [Int]
        if let gap = text.firstRange(of: "::") {
            let head = groups(text[..<gap.lowerBound])
            let rest = groups(text[gap.upperBound...]) + tail
            result = head + Array(repeating: 0, count: max(0, 8 - head.count - rest.count)) + rest
        } else {
            result = groups(text) + tail
        }
        return result.map { String($0, radix: 16) }.joined(separator: ":")
    }
}
