import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension NetworkLab {
    /// `ip -n NAMESPACE ARGUMENTS`; returns its output, throws when ip fails.
    @discardableResult
    public func ip(_ namespace: String, _ arguments: String...) throws -> String {
        let result = try runProcessBlocking(Self.ipTool, ["-n", namespace] + arguments)
        guard result.status == 0 else { throw FixtureError("ip -n \(namespace) \(arguments.joined(separator: " ")) failed: \(result)") }
        return result.stdout
    }

    /// Runs a program to completion inside a namespace (`ip netns exec`), with default signal handling.
    public func run(in namespace: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try runProcessBlocking(Self.ipTool, Self.exec(in: namespace, arguments), environment: environment)
    }

    /// Starts a long-running program inside a namespace, with default signal handling; `ip netns exec` and
    /// `env` exec it, so the process id is the program's.
    public func start(in namespace: String, _ arguments: [String], environment: [String: String] = [:]) throws -> StartedProcess {
        try StartedProcess(Self.ipTool, Self.exec(in: namespace, arguments), environment: environment)
    }

    /// `ip netns exec NAMESPACE env --default-signal ARGUMENTS`. A process spawned from a test's thread
    /// inherits that thread's signal mask, where SIGTERM is blocked; `env --default-signal` unblocks every
    /// signal and resets its handler, so a daemon started here stops on SIGTERM as it would under a shell.
    static func exec(in namespace: String, _ arguments: [String]) -> [String] {
        ["netns", "exec", namespace, "/usr/bin/env", "--default-signal"] + arguments
    }

    /// The processes inside a namespace whose command name (`/proc/PID/comm`) is `command` (all when nil).
    public func processes(in namespace: String, named command: String? = nil) -> [Int32] {
        Self.processIDs(in: namespace).filter { pid in
            guard let command else { return true }
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == command
        }
    }

    /// The IPv4 addresses (CIDR) on a host's lab device, from `ip -o -4 addr show dev DEVICE`.
    public func addresses(on host: NetworkLabHost) throws -> [String] {
        let listing = try ip(host.namespace, "-o", "-4", "addr", "show", "dev", host.device)
        return listing.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let index = words.firstIndex(of: "inet"), index + 1 < words.count else { return nil }
            return String(words[index + 1])
        }
    }

    /// Whether `host` has `address` (without prefix length) on its lab device.
    public func holds(_ host: NetworkLabHost, _ address: String) throws -> Bool {
        try addresses(on: host).contains { $0.split(separator: "/").first.map(String.init) == address }
    }

    /// The relays that have `address` on their lab device (two during a split brain, none during a switch).
    public func holders(of address: String) throws -> [NetworkLabHost] {
        try relays.filter { try holds($0, address) }
    }

    /// Waits until `host` is the only relay holding `address` (or, with `exclusive: false`, until it holds it
    /// whatever the others do) and returns how long that took. The polls (every 20 ms) are the measurement's
    /// resolution; `seconds` is a hang guard that throws ``WaitTimeout``.
    @discardableResult
    public func waitForHolder(_ host: NetworkLabHost, of address: String, exclusive: Bool = true, seconds: Double) async throws -> Duration {
        let started = ContinuousClock.now
        try await Wait.until("\(address) on \(host)\(exclusive ? " alone" : "")", seconds: seconds, interval: 0.02) {
            exclusive ? try holders(of: address) == [host] : try holds(host, address)
        }
        return ContinuousClock.now - started
    }

    /// Waits until `host` no longer has `address` on its lab device; returns how long that took.
    @discardableResult
    public func waitForRelease(_ host: NetworkLabHost, of address: String, seconds: Double) async throws -> Duration {
        let started = ContinuousClock.now
        try await Wait.until("\(address) gone from \(host)", seconds: seconds, interval: 0.02) { try !holds(host, address) }
        return ContinuousClock.now - started
    }

    /// Watches `address` for `seconds` and returns the holders that differed from `[host]`, or nil when
    /// `host` held it alone the whole time. An observation window, not a synchronisation: it is how a test
    /// shows that something does NOT happen (no preemption), and it is bounded.
    public func holderChange(_ host: NetworkLabHost, of address: String, during seconds: Double) async throws -> [NetworkLabHost]? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let holders = try holders(of: address)
            if holders != [host] { return holders }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
