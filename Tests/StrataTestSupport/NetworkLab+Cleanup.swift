import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension NetworkLab {
    /// Removes the labs (namespaces and scratch directories) whose test process is gone: a test that crashed
    /// or was killed before its `close()` leaves nothing for the next run to trip over. Labs of live
    /// processes (another test run in parallel) are left alone.
    public static func removeStaleLabs() {
        let listing = (try? runProcessBlocking(ipTool, ["netns", "list"]))?.stdout ?? ""
        // `ip netns list` prints `name` or `name (id: N)`.
        let names = listing.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        remove(namespaces: names.filter { name in owner(of: name).map { !isAlive($0) } ?? false })
        let temporary = "/tmp"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where entry.hasPrefix("strata-lab-") {
            if let pid = owner(of: "strata-" + entry.dropFirst("strata-lab-".count) + "-dir"), !isAlive(pid) {
                try? FileManager.default.removeItem(atPath: "\(temporary)/\(entry)")
            }
        }
    }

    /// The process id in a lab name `strata-<pid>-<n>-<role>`; nil for any other name (other namespaces
    /// on the machine are never touched).
    static func owner(of name: String) -> Int32? {
        guard name.hasPrefix("strata-") else { return nil }
        let parts = name.dropFirst("strata-".count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let pid = Int32(parts[0]), pid > 0, Int(parts[1]) != nil, !parts[2].isEmpty else { return nil }
        return pid
    }

    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Stops the processes in `namespaces` (SIGTERM, then SIGKILL for what is left after a bounded wait),
    /// then deletes the namespaces in reverse order.
    static func remove(namespaces: [String]) {
        guard !namespaces.isEmpty else { return }
        for signal in [SIGTERM, SIGKILL] {
            let running = namespaces.flatMap { processIDs(in: $0) }
            guard !running.isEmpty else { break }
            for pid in running { kill(pid, signal) }
            try? Wait.blockingUntil("processes in \(namespaces) to exit", seconds: 5, interval: 0.05) {
                namespaces.allSatisfy { processIDs(in: $0).isEmpty }
            }
        }
        for namespace in namespaces.reversed() {
            _ = try? runProcessBlocking(ipTool, ["netns", "delete", namespace])
        }
    }

    /// The processes inside a namespace (`ip netns pids`); exited children not yet reaped are not listed.
    static func processIDs(in namespace: String) -> [Int32] {
        let listing = (try? runProcessBlocking(ipTool, ["netns", "pids", namespace]))?.stdout ?? ""
        return listing.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
    }
}
