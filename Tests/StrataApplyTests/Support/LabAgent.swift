import Foundation
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real `strata agent` for one machine, in its own directory: agent.yaml, state, a `files` backend whose
/// health command fails while the file `fail-health` exists. Stopped (by its process id) when released.
final class LabAgent: @unchecked Sendable {
    let machine: String
    let directory: String
    let version: String
    private var running: AgentProcess?
    private(set) var port = 0
    /// The TLS certificate and key, relative to the directory, when it serves HTTPS.
    var tls: (certificate: String, key: String)?

    init(machine: String, version: String = "15.5.1", base: String, tls: (certificate: String, key: String)? = nil) throws {
        self.machine = machine
        self.version = version
        self.tls = tls
        directory = base + "/agent-" + machine
        try FileManager.default.createDirectory(atPath: directory + "/gateway", withIntermediateDirectories: true)
        try script("apply.sh", "#!/bin/sh\necho \"applied generation $STRATA_GENERATION\"\nexit 0\n")
        try script("health.sh", "#!/bin/sh\nif [ -e \"$1\" ]; then echo \"health: port 25 does not answer\"; exit 1; fi\necho healthy\n")
    }

    var failHealthFlag: String { directory + "/fail-health" }
    var stateDirectory: String { directory + "/state" }
    /// `http://127.0.0.1:PORT` (or https).
    var url: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// Makes the health command fail from now on.
    func failHealth() { _ = FileManager.default.createFile(atPath: failHealthFlag, contents: Data()) }

    /// Starts the agent (on `port` if given, else on a port the system picks) and waits until it listens.
    func start(port fixed: Int = 0) async throws {
        var yaml = """
            listen: 127.0.0.1:\(fixed)
            machine: \(machine)
            version: "\(version)"
            state_dir: state
            token: {env: STRATA_AGENT_TOKEN}
            backend:
              type: files
              path: gateway/strata.json
              apply: ["./apply.sh"]
              health: ["./health.sh", "\(failHealthFlag)"]
              timeout: 60s

            """
        if let tls { yaml += "tls: {certificate: \(tls.certificate), key: \(tls.key)}\n" }
        try yaml.write(toFile: directory + "/agent.yaml", atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(
            configPath: directory + "/agent.yaml", logPath: directory + "/agent-\(UUID().uuidString.prefix(8)).log",
            environment: ["STRATA_AGENT_TOKEN": LabCluster.token])
        running = agent
        port = agent.port
    }

    /// Stops the agent (SIGTERM to its own process id) and waits for it.
    func stop() async {
        await running?.terminate()
        running = nil
    }

    /// Everything the agent logged.
    var log: String { running?.log ?? "" }

    private func script(_ name: String, _ text: String) throws {
        try writeExecutable(text, to: directory + "/" + name)
    }
}

/// Several agents and a lab cluster whose machine files point at them.
final class AgentLab: @unchecked Sendable {
    let repo: ConfigRepo
    let agents: [LabAgent]

    /// Starts one agent per machine name and writes the cluster (`agents` block as given).
    init(
        machines: [String], agentsBlock: String = "{tls: off, token: {env: LAB_AGENT_TOKEN}}", versions: [String: String] = [:],
        dnsTimeout: String = "5s"
    ) async throws {
        repo = try ConfigRepo()
        var agents: [LabAgent] = []
        for machine in machines {
            let agent = try LabAgent(machine: machine, version: versions[machine] ?? "15.5.1", base: repo.path + "/.agents")
            try await agent.start()
            agents.append(agent)
        }
        self.agents = agents
        try LabCluster.write(
            into: repo, machines: agents.map { ($0.machine, $0.url) }, agents: agentsBlock, dnsTimeout: dnsTimeout)
    }

    func agent(_ machine: String) -> LabAgent { agents.first { $0.machine == machine }! }

    /// Runs `strata COMMAND --repo <lab>` with the lab's environment.
    func strata(_ arguments: [String], environment: [String: String] = LabCluster.environment()) async throws -> CommandResult {
        try await StrataApplyTests.strata(arguments + ["--repo", repo.path], environment: environment)
    }
}

struct LabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
