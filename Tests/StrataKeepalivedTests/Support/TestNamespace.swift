import Foundation
import Testing
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway network namespace for one test: its name carries a prefix and the test process's pid,
/// it holds veth pairs whose both ends stay inside it (never linked to the host), addresses only from
/// 198.51.100.0/24, and ``remove()`` deletes it (call it in a `defer`, so a failing test removes it too).
final class TestNamespace {
    /// Root and the tools: the tests that need this are skipped, with this reason, otherwise.
    static let usable = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/keepalived")
        && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
    static let reason: Comment = "needs root, ip and keepalived (run as root in CI)"

    let name: String

    /// Creates `strata-ka-<label>-<pid>` with loopback up and `device` (a veth whose peer `device`p also
    /// stays inside) holding `address`.
    init(label: String, device: String, address: String) async throws {
        name = "strata-ka-\(label)-\(getpid())"
        _ = try? runProcessBlocking("/usr/sbin/ip", ["netns", "del", name])
        try await Self.ip(["netns", "add", name])
        do {
            try await Self.ip(["-n", name, "link", "set", "lo", "up"])
            try await Self.ip(["-n", name, "link", "add", device, "type", "veth", "peer", "name", device + "p"])
            try await Self.ip(["-n", name, "link", "set", device, "up"])
            try await Self.ip(["-n", name, "link", "set", device + "p", "up"])
            try await Self.ip(["-n", name, "addr", "add", address, "dev", device])
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the namespace (its veths go with it); kills what still runs in it first.
    func remove() {
        if let pids = try? runProcessBlocking("/usr/sbin/ip", ["netns", "pids", name]) {
            for pid in pids.stdout.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGKILL) }
        }
        _ = try? runProcessBlocking("/usr/sbin/ip", ["netns", "del", name])
    }

    /// Runs a program inside the namespace.
    func run(_ argv: [String]) async throws -> CommandResult {
        try await runProcess("/usr/sbin/ip", ["netns", "exec", name] + argv)
    }

    /// The IPv4 addresses (CIDR) on `device` now.
    func addresses(on device: String) async throws -> [String] {
        let result = try await runProcess("/usr/sbin/ip", ["-n", name, "-o", "-4", "addr", "show", "dev", device])
        return result.stdout.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let index = words.firstIndex(of: "inet"), index + 1 < words.count else { return nil }
            return String(words[index + 1])
        }
    }

    private static func ip(_ arguments: [String]) async throws {
        let result = try await runProcess("/usr/sbin/ip", arguments)
        guard result.status == 0 else { throw NamespaceError(description: "ip \(arguments.joined(separator: " ")): \(result.stderr)") }
    }
}

struct NamespaceError: Error, CustomStringConvertible {
    var description: String
}
