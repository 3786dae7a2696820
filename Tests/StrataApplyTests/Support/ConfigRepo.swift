import Foundation
import StrataModel
import StrataState

/// A configuration repository in a temporary directory, removed when the test ends.
final class ConfigRepo: @unchecked Sendable {
    let root: URL

    /// An empty repository, or a copy of examples/<example>.
    init(copying example: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
            .appendingPathComponent("strata-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let example {
            let source = TestPaths.packageRoot.appendingPathComponent("examples/\(example)")
            // Hidden entries (a `.strata/` state left by `make demo` or an earlier run) are not part of the example.
            for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where !item.hasPrefix(".") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: root.appendingPathComponent(item))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var path: String { root.path }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces the one occurrence of `old` in a file.
    func replace(_ path: String, _ old: String, with new: String) throws {
        let text = try read(path)
        precondition(text.components(separatedBy: old).count == 2, "'\(old)' is not in \(path) exactly once")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// The embedded state store of a machine.
    func store(_ cluster: String, _ machine: String) throws -> StateStore {
        try FileManager.default.createDirectory(atPath: path + "/.strata/state/\(cluster)", withIntermediateDirectories: true)
        return try StateStore(directory: path + "/.strata/state/\(cluster)/\(machine)")
    }

    /// Whether the embedded state of a machine exists at all.
    func hasState(_ cluster: String, _ machine: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/.strata/state/\(cluster)/\(machine)")
    }

    /// The current generation of a machine's embedded state (0 when none).
    func generation(_ cluster: String, _ machine: String) throws -> Int {
        guard hasState(cluster, machine) else { return 0 }
        return try store(cluster, machine).currentNumber()
    }

    /// `git init`, then a commit of everything; returns the commit id.
    @discardableResult
    func commitAll(_ message: String = "configuration") throws -> String {
        let environment = [
            "GIT_AUTHOR_NAME": "Strata Tests", "GIT_AUTHOR_EMAIL": "tests@strata.example",
            "GIT_COMMITTER_NAME": "Strata Tests", "GIT_COMMITTER_EMAIL": "tests@strata.example", "GIT_CONFIG_NOSYSTEM": "1",
        ]
        if !FileManager.default.fileExists(atPath: path + "/.git") {
            _ = try runProgram(["git", "init", "-q", "-b", "main"], directory: path, environment: environment)
            try write(".gitignore", ".strata/\n")
        }
        _ = try runProgram(["git", "add", "-A"], directory: path, environment: environment)
        let commit = try runProgram(["git", "commit", "-q", "-m", message], directory: path, environment: environment)
        precondition(commit.status == 0, "\(commit)")
        return try runProgram(["git", "rev-parse", "HEAD"], directory: path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A small cluster of `machines` reached through agents: one listener on interface Data1, an LDAP server whose
/// bind password is the secret `env:LAB_LDAP_PASSWORD`, DNS with `dnsTimeout`.
enum LabCluster {
    static let name = "lab"
    static let tokenVariable = "LAB_AGENT_TOKEN"
    static let token = "lab-token-5c1e"
    static let secretVariable = "LAB_LDAP_PASSWORD"

    /// Writes the cluster; `agents` is the YAML of the `agents:` block (nil: embedded state).
    static func write(
        into repo: ConfigRepo, machines: [(name: String, agent: String?)], agents: String? = "{tls: off, token: {env: LAB_AGENT_TOKEN}}",
        version: String = "15.5.1", dnsTimeout: String = "5s"
    ) throws {
        var cluster = "requires:\n  version: \"\(version)\"\n  addressing: hostname\n  max_machines: 40\n"
        if let agents { cluster += "agents: \(agents)\n" }
        cluster += """
            settings:
              dns:
                servers: [192.0.2.53]
                timeout: \(dnsTimeout)
              timezone: Europe/Berlin
              text_resources:
                - {name: disclaimer, type: disclaimer, text: "Scanned by the lab gateways."}
              ldap:
                servers:
                  - name: corp
                    hosts: [ldap1.example.com]
                    port: 636
                    base_dn: "dc=example,dc=com"
                    bind_dn: "cn=strata,dc=example,dc=com"
                    bind_password: {env: \(secretVariable)}
                queries: []
              listeners:
                - name: IncomingMail
                  interface: Data1
                  type: public
                  footer: disclaimer
                  hat:
                    - {match: ALL, policy: accept}

            """
        try repo.write("clusters/\(name)/cluster.yaml", cluster)
        try repo.write("clusters/\(name)/groups/main.yaml", "settings: {}\n")
        for (index, machine) in machines.enumerated() {
            var text = "group: main\n"
            if let agent = machine.agent { text += "agent: \(agent)\n" }
            text += """
                settings:
                  hostname: \(machine.name)
                  interfaces:
                    - {name: Data1, address: 198.51.100.\(index + 10)/24}

                """
            try repo.write("clusters/\(name)/machines/\(machine.name).yaml", text)
        }
    }

    /// The environment a controller needs: the agents' token and the LDAP secret.
    static func environment(secret: String = "ldap-secret-value-4471") -> [String: String] {
        [tokenVariable: token, secretVariable: secret]
    }
}
