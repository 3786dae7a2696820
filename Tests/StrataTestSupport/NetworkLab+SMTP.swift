import Foundation

extension NetworkLab {
    /// The first line an SMTP server at `address:port` sends to the lab's client, when it is a 220
    /// greeting; nil when the connection is refused, the server says something else, or nothing comes
    /// within `seconds`. The probe runs as a child process inside the client namespace (a thread of this
    /// multithreaded test process must never `setns`): bash's /dev/tcp under `timeout`, QUIT after the greeting.
    public func smtpGreeting(to address: String, port: Int = 25, seconds: Int = 3) throws -> String? {
        let script = #"exec 3<>"/dev/tcp/$1/$2" || exit 3; IFS= read -r line <&3 || exit 4; printf '%s\n' "${line%$'\r'}"; printf 'QUIT\r\n' >&3"#
        let result = try run(in: client.namespace, ["/usr/bin/timeout", String(seconds), "/bin/bash", "-c", script, "smtp-probe", address, String(port)])
        let line = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        return result.status == 0 && line.hasPrefix("220 ") ? line : nil
    }

    /// The host name in the 220 greeting at `address:port` (its second word: Postfix's `$myhostname`), so a
    /// test sees WHICH machine answered; nil when no greeting came.
    public func answeringHost(_ address: String, port: Int = 25, seconds: Int = 3) throws -> String? {
        guard let greeting = try smtpGreeting(to: address, port: port, seconds: seconds) else { return nil }
        let words = greeting.split(separator: " ")
        return words.count > 1 ? String(words[1]) : nil
    }

    /// Waits until the greeting at `address:port` names `host` (e.g. right after a failover, while the client's
    /// ARP entry is refreshed); returns how long that took. `seconds` is a hang guard.
    @discardableResult
    public func waitForAnswer(from host: String, at address: String, port: Int = 25, seconds: Double) async throws -> Duration {
        let started = ContinuousClock.now
        try await Wait.until("an SMTP greeting from \(host) at \(address):\(port)", seconds: seconds, interval: 0.05) {
            try answeringHost(address, port: port, seconds: 2) == host
        }
        return ContinuousClock.now - started
    }
}
