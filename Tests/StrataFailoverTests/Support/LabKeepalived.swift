import Foundation
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A keepalived for one lab relay from a hand-written configuration (the shape FAILOVER.md measured):
/// unicast VRRP to the peers, advert_int 1, one virtual address, and a vrrp_script that reads the 220
/// greeting of the relay's own SMTP listener (interval 1, fall 2, rise 2; no weight, so a failing check
/// puts the instance in FAULT). Runs in the foreground (`-n`, VRRP only `-P`, log to the console) inside
/// the relay's namespace, so the test owns its process.
final class LabKeepalived: @unchecked Sendable {
    static let keepalived = "/usr/sbin/keepalived"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: keepalived) }

    let lab: NetworkLab
    let host: NetworkLabHost
    let directory: URL
    private(set) var process: StartedProcess?

    /// Writes the configuration and the check script under the lab's directory.
    init(lab: NetworkLab, host: NetworkLabHost, priority: Int, peers: [NetworkLabHost], virtualAddress: String, preempt: Bool = true) throws {
        self.lab = lab
        self.host = host
        directory = lab.directory.appendingPathComponent("keepalived-\(host.label)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let check = """
            #!/bin/bash
            # Healthy when the relay's own listener greets with 220 within a second.
            exec 3<>/dev/tcp/\(host.address)/25 || exit 1
            IFS= read -r -t 1 line <&3 || exit 1
            [[ $line == 220* ]]

            """
        try Data(check.utf8).write(to: checkScript)
        chmod(checkScript.path, 0o755)
        let configuration = """
            global_defs {
              router_id \(host.label)
              script_user root
            }
            vrrp_script smtp_banner {
              script "\(checkScript.path)"
              interval 1
              timeout 2
              fall 2
              rise 2
            }
            vrrp_instance VI_51 {
              state BACKUP
              interface \(host.device)
              virtual_router_id 51
              priority \(priority)
              advert_int 1
            \(preempt ? "" : "  nopreempt\n")  unicast_src_ip \(host.address)
              unicast_peer {
            \(peers.map { "    \($0.address)" }.joined(separator: "\n"))
              }
              authentication {
                auth_type PASS
                auth_pass labpass1
              }
              virtual_ipaddress {
                \(virtualAddress)/\(NetworkLab.prefixLength) dev \(host.device)
              }
              track_script {
                smtp_banner
              }
            }

            """
        try Data(configuration.utf8).write(to: configurationFile)
    }

    var checkScript: URL { directory.appendingPathComponent("check-banner.sh") }
    var configurationFile: URL { directory.appendingPathComponent("keepalived.conf") }

    /// What keepalived logged so far.
    var log: String { (process?.stdoutText ?? "") + (process?.stderrText ?? "") }

    /// Starts keepalived in the relay's namespace (its own pid files, so several run side by side).
    func start() throws {
        process = try lab.start(in: host.namespace, [
            Self.keepalived, "-n", "-l", "-D", "-P", "-f", configurationFile.path,
            "-p", directory.appendingPathComponent("keepalived.pid").path,
            "-r", directory.appendingPathComponent("vrrp.pid").path,
        ])
    }

    /// SIGTERM to the parent: a clean stop (the VRRP child sends priority 0 and removes the address).
    func terminate() async throws {
        guard let process, process.process.isRunning else { return }
        kill(process.process.processIdentifier, SIGTERM)
        try await waitForExit()
    }

    /// SIGKILL to every keepalived process of this relay at once (parent and VRRP child), as a crash: nothing
    /// removes the address or tells the peer.
    func crash() async throws {
        for pid in lab.processes(in: host.namespace, named: "keepalived") { kill(pid, SIGKILL) }
        try await waitForExit()
    }

    private func waitForExit() async throws {
        try await Wait.until("keepalived on \(host) to exit", seconds: 30, interval: 0.02) {
            !(process?.process.isRunning ?? false) && lab.processes(in: host.namespace, named: "keepalived").isEmpty
        }
    }
}
