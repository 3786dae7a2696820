import StrataModel
import StrataState

/// What the keepalived backend reports in state answers: the VRRP state its notify commands last wrote
/// (`STOPPED` when the daemon does not run, `unknown` before the first notification) and which of the
/// virtual addresses are on the device now (`ip -o -4 addr show dev DEVICE`, inside the namespace).
struct KeepalivedObservation {
    let backend: KeepalivedBackend

    func report(current: StoredGeneration?) -> BackendReport {
        guard let current, let file = try? backend.renderFile(current) else { return BackendReport() }
        let daemon = backend.daemon
        let running = daemon.isRunning()
        var state = running ? daemon.state() ?? "unknown" : "STOPPED"
        if state == "STOP" { state = "STOPPED" }
        let present = Set(addresses(on: file.device).map(Self.withoutPrefix))
        return BackendReport(vrrp: VRRPReport(
            state: state, routerID: file.routerID, interface: file.interface, addresses: file.addresses,
            held: file.addresses.filter { present.contains(Self.withoutPrefix($0)) }))
    }

    /// The IPv4 addresses (CIDR) on `device`; none when `ip` fails (no such device or namespace).
    func addresses(on device: String) -> [String] {
        let outcome = backend.runner.run(["ip", "-o", "-4", "addr", "show", "dev", device])
        guard outcome.succeeded else { return [] }
        return String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let index = words.firstIndex(of: "inet"), index + 1 < words.count else { return nil }
            return String(words[index + 1])
        }
    }

    static func withoutPrefix(_ cidr: String) -> String { String(cidr.split(separator: "/").first ?? "") }
}
