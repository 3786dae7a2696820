import StrataModel

/// Listeners on the failover interface also bind the virtual addresses, which only the machine holding
/// them has: every other machine needs `net.ipv4.ip_nonlocal_bind=1` (`net.ipv6.` for IPv6) in the
/// namespace Postfix runs in, or its master cannot bind them. Checked before anything switches.
struct NonlocalBind {
    let runner: CommandRunner
    let namespace: String?

    func check(_ virtualAddresses: [String]) throws(BackendFailure) {
        for family in Set(virtualAddresses.map { $0.contains(":") ? "ipv6" : "ipv4" }).sorted() {
            let key = "net.\(family).ip_nonlocal_bind"
            // Read through the runner, so inside the backend's namespace: the setting is per namespace.
            let outcome = runner.run(["cat", "/proc/sys/net/\(family)/ip_nonlocal_bind"])
            let value = String(decoding: outcome.output, as: UTF8.self).trimmingWhitespace()
            guard !(outcome.succeeded && value == "1") else { continue }
            let place = namespace.map { "network namespace \($0)" } ?? "this host"
            let found = outcome.succeeded ? "is \(value)" : "cannot be read (\(outcome.summary))"
            let addresses = virtualAddresses.joined(separator: ", ")
            let message = "\(key) \(found) in \(place), but listeners on the failover interface bind \(addresses); "
                + "set \(key)=1 there (sysctl -w, and in /etc/sysctl.d for reboots)"
            throw .invalid(message, diagnostics: [Diagnostic(.invalidValue, "failover: \(message)", at: .file("master.cf"))])
        }
    }
}
