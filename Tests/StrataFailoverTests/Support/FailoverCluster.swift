import Foundation
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The end-to-end setup: a copy of examples/failover-pair in a real git repository, the lab's two relay
/// namespaces, and one real `strata agent` per machine on the host's loopback (where `strata` reaches it)
/// whose `postfix` and `keepalived` backends run inside that machine's namespace (`netns:`), with the
/// example's `Data1` mapped to the namespace's lab device. Every change goes through a git commit and a real
/// `strata apply`. `close()` stops the agents and removes the lab (namespaces, daemons, files).
final class FailoverCluster: @unchecked Sendable {
    static let token = "failover-lab-token-7f3a"
    /// 8 characters: keepalived's limit.
    static let secret = "vrrp1234"
    static let virtualAddress = "198.51.100.100"
    static let relays = [("relay1.example.com", "r1"), ("relay2.example.com", "r2")]

    let lab: NetworkLab
    let git: GitFixture
    private(set) var agents: [String: AgentProcess] = [:]

    /// Builds the lab, starts both agents and commits the example with their addresses (nothing applied yet).
    init() async throws {
        let lab = try NetworkLab(relays: 2)
        self.lab = lab
        git = try GitFixture(copying: "failover-pair")
        do {
            for (machine, label) in Self.relays { agents[machine] = try await startAgent(machine, on: lab.relay(label)) }
            try git.append("clusters/pair/cluster.yaml", "\nagents:\n  tls: off\n  token: {env: STRATA_AGENT_TOKEN}\n")
            for (machine, _) in Self.relays {
                let port = agents[machine]?.port ?? 0
                try git.replace(machineFile(machine), "group: usa\n", with: "group: usa\nagent: http://127.0.0.1:\(port)\n")
            }
            try git.commitAll("the failover pair, with its agents")
        } catch {
            close()
            throw error
        }
    }

    func machineFile(_ machine: String) -> String { "clusters/pair/machines/\(machine).yaml" }
    func agentDirectory(_ host: NetworkLabHost) -> URL { lab.directory.appendingPathComponent("agent-\(host.label)") }
    var primary: NetworkLabHost { lab.relay("r1") }
    var standby: NetworkLabHost { lab.relay("r2") }

    /// `strata ARGUMENTS --repo <repository>` with the agents' token and the VRRP secret.
    func strata(_ arguments: [String]) async throws -> CommandResult {
        try await git.strata(arguments + ["--repo", git.path], extraEnvironment: ["STRATA_AGENT_TOKEN": Self.token, "VRRP_SECRET": Self.secret])
    }

    /// Edits the working tree, commits, and runs `strata apply --yes`.
    func commitAndApply(_ message: String, _ edit: () throws -> Void) async throws -> CommandResult {
        try edit()
        try git.commitAll(message)
        return try await strata(["apply", "--yes"])
    }

    /// The keepalived.conf the machine's agent wrote (nil when there is none).
    func keepalivedFile(_ host: NetworkLabHost) -> String? {
        try? String(contentsOf: agentDirectory(host).appendingPathComponent("keepalived/keepalived.conf"), encoding: .utf8)
    }

    /// The VRRP state keepalived's notify commands last wrote for the agent (MASTER, BACKUP, FAULT).
    func vrrpState(_ host: NetworkLabHost) -> String {
        let file = agentDirectory(host).appendingPathComponent("state/keepalived/state")
        return ((try? String(contentsOf: file, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the SMTP listener of a machine: `postfix stop` on the instance the agent runs in its namespace.
    func stopListener(_ host: NetworkLabHost) async throws {
        let directory = agentDirectory(host).appendingPathComponent("postfix/etc").path
        let stopped = try lab.run(in: host.namespace, ["/usr/sbin/postfix", "-c", directory, "stop"])
        guard stopped.status == 0 else { throw FixtureError("postfix stop on \(host): \(stopped)") }
        try await Wait.until("postfix on \(host) to stop", seconds: 30, interval: 0.05) {
            try lab.run(in: host.namespace, ["/usr/sbin/postfix", "-c", directory, "status"]).status != 0
        }
    }

    /// Starts it again (the instance's files are the agent's current generation).
    func startListener(_ host: NetworkLabHost) throws {
        let directory = agentDirectory(host).appendingPathComponent("postfix/etc").path
        let started = try lab.run(in: host.namespace, ["/usr/sbin/postfix", "-c", directory, "start"])
        guard started.status == 0 else { throw FixtureError("postfix start on \(host): \(started)\n\(logs)") }
    }

    /// Both agents' logs and mail logs, for failure messages.
    var logs: String {
        Self.relays.map { machine, label in
            let maillog = (try? String(contentsOf: agentDirectory(lab.relay(label)).appendingPathComponent("postfix/maillog"), encoding: .utf8)) ?? ""
            return "--- agent \(machine)\n\(agents[machine]?.log ?? "")\n--- maillog \(machine)\n\(maillog)"
        }.joined(separator: "\n")
    }

    /// SIGTERM to both agents, a bounded wait until each has exited, then the lab (which stops the daemons
    /// left in the namespaces). Never blocks without a bound: `AgentProcess.terminate()` waits for Foundation
    /// to reap the child, and here Foundation was seen to leave an exited agent unreaped for good (a zombie it
    /// still reported as running). So the exit is read from /proc; SIGCHLD is raised again for Foundation for a
    /// moment, and an agent it still has not reaped is kept (never released, so its deinit never waits).
    func close() {
        for agent in agents.values where agent.process.isRunning { kill(agent.process.processIdentifier, SIGTERM) }
        for agent in agents.values {
            let pid = agent.process.processIdentifier
            if (try? Wait.blockingUntil("agent \(pid) to exit", seconds: 30, interval: 0.05, { Self.hasExited(pid) })) == nil {
                kill(pid, SIGKILL)
            }
            let reaped = (try? Wait.blockingUntil("agent \(pid) to be reaped", seconds: 2, interval: 0.05) {
                if !agent.process.isRunning { return true }
                kill(getpid(), SIGCHLD)
                return false
            }) != nil
            if !reaped { _ = Unmanaged.passRetained(agent) }
        }
        agents = [:]
        lab.close()
    }

    /// Whether a child process has exited (a zombie, or gone).
    private static func hasExited(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name in parentheses: `pid (comm) S ...`.
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    private func startAgent(_ machine: String, on host: NetworkLabHost) async throws -> AgentProcess {
        let directory = agentDirectory(host)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let yaml = """
            listen: 127.0.0.1:0
            machine: \(machine)
            version: "15.5.1"
            state_dir: state
            token: {env: STRATA_AGENT_TOKEN}
            interfaces: {Data1: \(host.device), Data2: data2}
            backends:
              - type: postfix
                config_directory: postfix/etc
                queue_directory: postfix/queue
                data_directory: postfix/data
                maillog_file: postfix/maillog
                timeout: 20s
                netns: \(host.namespace)
              - type: keepalived
                config_file: keepalived/keepalived.conf
                timeout: 20s
                netns: \(host.namespace)

            """
        let path = directory.appendingPathComponent("agent.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return try await AgentProcess(
            configPath: path, logPath: directory.appendingPathComponent("agent.log").path,
            environment: ["STRATA_AGENT_TOKEN": Self.token, "VRRP_SECRET": Self.secret])
    }
}
