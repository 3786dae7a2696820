import StrataModel

/// E401: machine names are all host names or all IP addresses, as `requires.addressing` says.
struct AddressingCheck: Check {
    func run(_ context: CheckContext, diagnostics: inout Diagnostics) {
        let names = context.cluster.machines.keys.sorted()
        guard !names.isEmpty else { return }
        let ipCount = names.filter(\.isIPAddress).count
        let required: Addressing
        let reason: String
        if let addressing = context.cluster.requirements.addressing {
            required = addressing
            reason = "the cluster requires addressing: \(addressing.rawValue)"
        } else {
            guard ipCount != 0 && ipCount != names.count else { return }
            required = ipCount * 2 > names.count ? .ip : .hostname
            reason = "most machines of the cluster are named by \(required == .ip ? "IP address" : "host name"), and a cluster never mixes the two"
        }
        for name in names where (required == .ip) != name.isIPAddress {
            let file = context.file(of: .machine(name))
            diagnostics.report(
                .mixedAddressing,
                "machine '\(name)' is named by \(name.isIPAddress ? "IP address" : "host name"), but \(reason)",
                at: .file(file),
                help: required == .ip ? "rename the file to the machine's IP address" : "rename the file to the machine's resolvable DNS host name")
        }
    }
}
