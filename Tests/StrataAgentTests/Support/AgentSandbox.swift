import Foundation
import StrataModel
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A directory for one agent: agent.yaml, a state directory, the backend's scripts and files.
///
/// The scripts append `PHASE GENERATION CHECKSUM` to `marker` each time the agent runs them, so a
/// test can see which commands ran, in which order, on which file; `fail-apply` and `fail-health`
/// make them fail, `slow-apply` makes `apply` take a second.
final class AgentSandbox {
    static let token = "agent-token-7f3a9c"
    static let machine = "newyork.example.com"

    let root: String
    let extraYAML: String
    /// `apply: ["true"]` and no health command: an apply spends its time in the agent, not in scripts.
    let fastBackend: Bool
    let listen: String
    let tokenYAML: String

    init(
        extraYAML: String = "", fastBackend: Bool = false, listen: String = "127.0.0.1:0",
        token: String = "{env: STRATA_AGENT_TOKEN}"
    ) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("strata-agent-\(UUID().uuidString)").path
        self.extraYAML = extraYAML
        self.fastBackend = fastBackend
        self.listen = listen
        self.tokenYAML = token
        try FileManager.default.createDirectory(atPath: root + "/mailgw", withIntermediateDirectories: true)
        try script("apply.sh", """
            #!/bin/sh
            # apply.sh MARKER: record the phase, the generation and the file's checksum.
            sum=$(cksum < "$STRATA_CONFIG" 2>/dev/null | cut -d' ' -f1)
            echo "$STRATA_PHASE $STRATA_GENERATION ${sum:-none}" >> "$1"
            if [ -n "$STRATA_AGENT_TOKEN" ]; then echo "token-visible" >> "$1"; fi
            echo "reloaded mail gateway (generation $STRATA_GENERATION)"
            if [ -e "$(dirname "$1")/slow-apply" ]; then sleep 1; fi
            if [ -e "$(dirname "$1")/fail-apply" ]; then echo "apply: the gateway refused the configuration"; exit 3; fi
            exit 0
            """)
        try script("health.sh", """
            #!/bin/sh
            # health.sh FLAG: healthy unless FLAG exists.
            echo "checking port 25"
            if [ -e "$1" ]; then echo "health: port 25 does not answer"; exit 1; fi
            echo "healthy"
            """)
        try writeConfig()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var configPath: String { root + "/agent.yaml" }
    var stateDirectory: String { root + "/state" }
    var backendFile: String { root + "/mailgw/strata.json" }
    var marker: String { root + "/mailgw/marker" }
    var failHealthFlag: String { root + "/mailgw/fail-health" }
    var failApplyFlag: String { root + "/mailgw/fail-apply" }
    var slowApplyFlag: String { root + "/mailgw/slow-apply" }

    /// The lines the backend scripts recorded.
    func markerLines() -> [String] {
        ((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func writeConfig() throws {
        let commands = fastBackend ? "  apply: [\"true\"]" : """
              apply: ["./apply.sh", "\(marker)"]
              health: ["./health.sh", "\(failHealthFlag)"]
            """
        let yaml = """
            listen: \(listen)
            machine: \(Self.machine)
            version: "15.5.1"
            state_dir: state
            keep_generations: 5
            token: \(tokenYAML)
            backend:
              type: files
              path: mailgw/strata.json
            \(commands)
              timeout: 10s
            \(extraYAML)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func touch(_ path: String) { _ = FileManager.default.createFile(atPath: path, contents: Data()) }

    private func script(_ name: String, _ text: String) throws {
        let path = root + "/" + name
        try writeExecutable(text + "\n", to: path)
    }

    /// Starts `strata agent` on this sandbox and waits until it listens; `fileLimit` runs it with
    /// that RLIMIT_NOFILE (through `sh -c 'ulimit -n N; exec ...'`, so the process id is the agent's).
    func start(environment: [String: String] = [:], fileLimit: Int? = nil) async throws -> RunningAgent {
        var variables = ["STRATA_AGENT_TOKEN": Self.token]
        for (key, value) in environment { variables[key] = value }
        return try await AgentProcess(
            configPath: configPath, logPath: root + "/agent-\(UUID().uuidString.prefix(8)).log", environment: variables,
            fileLimit: fileLimit)
    }
}

/// A `strata agent` process started by a test (``AgentProcess``), with requests to it.
typealias RunningAgent = AgentProcess

extension AgentProcess {
    /// A request with the right token unless told otherwise.
    func request(_ method: String, _ path: String, token: String? = AgentSandbox.token, json: JSON? = nil) throws -> HTTPReply {
        if let json { return try RawHTTP.send(port: port, method: method, path: path, token: token, json: json) }
        return try RawHTTP.send(port: port, method: method, path: path, token: token)
    }
}
