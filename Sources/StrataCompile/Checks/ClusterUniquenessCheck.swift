import StrataModel

/// E403–E406: interface addresses, host names, serials and feature keys are unique across the cluster.
struct ClusterUniquenessCheck: Check {
    private struct Claim {
        var value: String
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
            if context.usable("interfaces", of: machine) {
                for interface in machine[feature: "interfaces"]?.value.listItems ?? [] {
                    guard let cidr = interface[field: "address"] else { continue }
                    let address = cidr.stringValue?.split(separator: "/").first.map(String.init) ?? ""
                    addresses.append(Claim(value: address, machine: machine.machine, location: cidr.location ?? .file(file)))
                }
            }
            if context.usable("hostname", of: machine), let hostname = machine[feature: "hostname"]?.value {
                hostnames.append(Claim(value: hostname.stringValue ?? "", machine: machine.machine, location: hostname.location ?? .file(file)))
            }
            if context.usable("feature_keys", of: machine) {
                for key in machine[feature: "feature_keys"]?.value.listItems ?? [] {
                    guard let value = key[field: "key"] else { continue }
                    features.append(Claim(value: value.stringValue ?? "", machine: machine.machine, location: value.location ?? .file(file)))
                }
            }
        }
        for name in context.cluster.machines.keys.sorted() {
            guard let spec = context.cluster.machines[name], let serial = spec.serial else { continue }
            serials.append(Claim(value: serial, machine: name, location: spec.serialLocation ?? .file(spec.settings.file)))
        }
        report(addresses, code: .duplicateAddress, noun: "interface address", help: "give each machine's interfaces their own addresses", into: &diagnostics)
        report(hostnames, code: .duplicateHostname, noun: "host name", help: "every machine needs its own host name", into: &diagnostics)
        report(serials, code: .duplicateSerial, noun: "serial number", help: "check the serial printed on each appliance", into: &diagnostics)
        report(features, code: .duplicateFeatureKey, noun: "feature key", help: "each machine needs its own licence key", into: &diagnostics)
    }

    private func report(_ claims: [Claim], code: DiagnosticCode, noun: String, help: String, into diagnostics: inout Diagnostics) {
        var first: [String: Claim] = [:]
        for claim in claims {
            guard let earlier = first[claim.value] else {
                first[claim.value] = claim
                continue
            }
            let shown = code == .duplicateFeatureKey ? "a feature key" : "\(noun) '\(claim.value)'"
            let whose = earlier.machine == claim.machine ? "twice on machine '\(claim.machine)'" : "by machines '\(earlier.machine)' and '\(claim.machine)'"
            diagnostics.report(
                code, "\(shown) is used \(whose)", at: claim.location,
                notes: [DiagnosticNote("first used here, by machine '\(earlier.machine)'", at: earlier.location)], help: help)
        }
    }
}
