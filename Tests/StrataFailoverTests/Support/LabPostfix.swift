import Foundation
import StrataTestSupport

/// A scratch Postfix instance inside a lab relay's namespace, from two hand-written files: it greets as
/// `<label>.lab.test` (so a probe tells the relays apart) on the relay's own address and on the virtual
/// addresses (bound before the relay holds them: the lab sets `net.ipv4.ip_nonlocal_bind=1`).
/// The phase-1 harness uses it; the end-to-end tests let the agent's Postfix backend run its own.
final class LabPostfix: @unchecked Sendable {
    static let postfix = "/usr/sbin/postfix"

    let lab: NetworkLab
    let host: NetworkLabHost
    let directory: URL

    /// Writes the instance's files under the lab's directory; `start()` runs it.
    init(lab: NetworkLab, host: NetworkLabHost, virtualAddresses: [String]) async throws {
        self.lab = lab
        self.host = host
        directory = lab.directory.appendingPathComponent("postfix-\(host.label)")
        for sub in ["etc", "queue", "data"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let chown = try await runProcess("/bin/chown", ["postfix", directory.appendingPathComponent("data").path])
        guard chown.status == 0 else { throw FixtureError("chown failed: \(chown)") }
        try Data(mainCf.utf8).write(to: directory.appendingPathComponent("etc/main.cf"))
        let listeners = ([host.address] + virtualAddresses).map { "\($0):25 inet n - n - - smtpd" }
        try Data((listeners + Self.services).joined(separator: "\n").appending("\n").utf8)
            .write(to: directory.appendingPathComponent("etc/master.cf"))
    }

    /// The greeting's host name.
    var hostname: String { "\(host.label).lab.test" }
    var configDirectory: String { directory.appendingPathComponent("etc").path }
    var maillog: String { (try? String(contentsOf: directory.appendingPathComponent("maillog"), encoding: .utf8)) ?? "" }

    /// `postfix start` inside the relay's namespace; throws with the mail log when it fails.
    func start() throws {
        let started = try lab.run(in: host.namespace, [Self.postfix, "-c", configDirectory, "start"])
        guard started.status == 0 else { throw FixtureError("postfix start on \(host) failed: \(started)\n\(maillog)") }
    }

    /// `postfix stop`, then waits (bounded) until the instance is gone, so a later `start()` cannot find it running.
    func stop() async throws {
        _ = try lab.run(in: host.namespace, [Self.postfix, "-c", configDirectory, "stop"])
        try await Wait.until("postfix on \(host) to stop", seconds: 30, interval: 0.05) {
            try lab.run(in: host.namespace, [Self.postfix, "-c", configDirectory, "status"]).status != 0
        }
    }

    private var mainCf: String {
        let path = directory.path
        return """
            compatibility_level = 3.6
            myhostname = \(hostname)
            mydomain = lab.test
            mydestination =
            local_recipient_maps =
            alias_maps =
            alias_database =
            queue_directory = \(path)/queue
            data_directory = \(path)/data
            maillog_file = \(path)/maillog
            maillog_file_prefixes = \(path)
            inet_interfaces = all
            inet_protocols = ipv4
            smtpd_banner = $myhostname ESMTP

            """
    }

    /// The services a Postfix 3.7 master needs besides smtpd, none chrooted (the scratch queue has no chroot).
    private static let services = [
        "pickup unix n - n 60 1 pickup", "cleanup unix n - n - 0 cleanup", "qmgr unix n - n 300 1 qmgr",
        "rewrite unix - - n - - trivial-rewrite", "bounce unix - - n - 0 bounce", "defer unix - - n - 0 bounce",
        "trace unix - - n - 0 bounce", "verify unix - - n - 1 verify", "flush unix n - n 1000? 0 flush",
        "proxymap unix - - n - - proxymap", "smtp unix - - n - - smtp", "showq unix n - n - - showq",
        "error unix - - n - - error", "retry unix - - n - - error", "discard unix - - n - - discard",
        "anvil unix - - n - 1 anvil", "scache unix - - n - 1 scache", "postlog unix-dgram n - n - 1 postlogd",
    ]
}
