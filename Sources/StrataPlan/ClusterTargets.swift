import Foundation
public import StrataModel

/// The machines of one cluster with the way to reach each, derived from the compiled cluster.
public struct ClusterTargets: Sendable {
    /// The cluster.
    public var cluster: ClusterName
    /// Embedded state store or agents.
    public var connection: ClusterConnection
    /// `requires.version`: the version every agent must report.
    public var requiredVersion: String?
    /// Its machines, sorted by name.
    public var machines: [MachineTarget]
    /// Things the operator should know, such as plain HTTP towards an address that is not loopback.
    public var warnings: [String]

    /// Creates the targets of a cluster directly.
    public init(
        cluster: ClusterName, connection: ClusterConnection, requiredVersion: String?, machines: [MachineTarget], warnings: [String] = []
    ) {
        self.cluster = cluster
        self.connection = connection
        self.requiredVersion = requiredVersion
        self.machines = machines
        self.warnings = warnings
    }

    /// The targets of a compiled cluster. Relative paths (`ca_file`) are taken from `repositoryRoot`; the embedded
    /// state of machine M is in `<repositoryRoot>/.strata/state/<cluster>/M/`.
    public init(_ compiled: CompiledCluster, repositoryRoot: String) {
        cluster = compiled.name
        warnings = []
        let required = compiled.requirements.version
        requiredVersion = required
        guard let agents = compiled.agents else {
            let directory = Self.join(repositoryRoot, ".strata/state/\(compiled.name)")
            connection = .embedded(directory: directory, version: required ?? "embedded")
            machines = compiled.machines.keys.sorted().map { name in
                MachineTarget(
                    cluster: compiled.name, machine: name, endpoint: .embedded(directory: directory + "/" + name.rawValue),
                    requiredVersion: required)
            }
            return
        }
        let caFile = agents.caFile.map { $0.hasPrefix("/") ? $0 : Self.join(repositoryRoot, $0) }
        connection = .agents(AgentAccess(tls: agents.tls, token: agents.token, caFile: caFile, port: agents.port))
        var machines: [MachineTarget] = []
        var warnings: [String] = []
        for name in compiled.machines.keys.sorted() {
            let (url, problem) = Self.agentURL(compiled.machines[name]?.agent, machine: name, agents: agents)
            if problem == nil, agents.tls == .off, let host = URLComponents(string: url)?.host, !Self.isLoopback(host) {
                warnings.append(
                    "\(compiled.name)/\(name): the agent at \(url) is reached over plain HTTP (agents.tls: off); "
                        + "the token and secrets cross the network unencrypted")
            }
            machines.append(MachineTarget(
                cluster: compiled.name, machine: name, endpoint: .agent(url: url), requiredVersion: required, problem: problem))
        }
        self.machines = machines
        self.warnings = warnings
    }

    /// The base URL of a machine's agent: its file's `agent:`, else `https://<machine>:<port>` (`http://` with
    /// `tls: off`); a scheme that contradicts the TLS mode is a problem, never silently changed.
    static func agentURL(_ override: String?, machine: MachineName, agents: AgentSettings) -> (String, AgentCallError?) {
        let scheme = agents.tls == .off ? "http" : "https"
        let host = machine.rawValue.contains(":") ? "[\(machine.rawValue)]" : machine.rawValue
        guard let override else { return ("\(scheme)://\(host):\(agents.port)", nil) }
        var url = override
        while url.hasSuffix("/") { url.removeLast() }
        guard let components = URLComponents(string: url), let given = components.scheme?.lowercased(),
              let urlHost = components.host, !urlHost.isEmpty else {
            return (url, AgentCallError(.configuration, "the agent URL '\(override)' of \(machine) is not a URL"))
        }
        guard given == scheme else {
            let fix = agents.tls == .off
                ? "write http://\(urlHost)\(components.port.map { ":\($0)" } ?? ""), or set agents.tls to enforce or permissive"
                : "write https://\(urlHost)\(components.port.map { ":\($0)" } ?? ""), or set agents.tls: off"
            return (url, AgentCallError(
                .configuration, "the agent URL \(url) of \(machine) uses \(given):// but agents.tls is \(agents.tls.rawValue)",
                cause: fix))
        }
        if components.port == nil { url = "\(given)://\(components.percentEncodedHost ?? urlHost):\(agents.port)\(components.percentEncodedPath)" }
        return (url, nil)
    }

    /// Whether a host is a loopback address or name (127.0.0.0/8, ::1, localhost).
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "::1" || bare.lowercased() == "localhost" { return true }
        let parts = bare.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    private static func join(_ base: String, _ path: String) -> String {
        base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
