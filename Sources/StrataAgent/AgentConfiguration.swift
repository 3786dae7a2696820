public import Logging
public import StrataModel

/// What `agent.yaml` says: where to listen, who the agent is, where its state lives, how it
/// authenticates, and the backend that turns a configuration into the machine's real one.
public struct AgentConfiguration: Sendable {
    /// Host and port to bind; port 0 asks the system for a free one.
    public var listen: ListenAddress
    /// The machine name the agent serves; an apply addressed to another name is refused.
    public var machine: String
    /// The software version the agent reports (compared with the cluster's `requires.version`).
    public var version: String
    /// The state directory (generations, current, lock).
    public var stateDirectory: String
    /// How many generations are kept for rollback.
    public var keepGenerations: Int
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// Where the bearer token comes from (`{env: NAME}` or `{file: PATH}`).
    public var token: SecretReference
    /// Certificate and key for HTTPS; nil serves plain HTTP.
    public var tls: TLSFiles?
    /// The backends that install configurations, applied and rolled back together as one generation.
    public var backends: [BackendSettings]
    /// The least severe level logged.
    public var logLevel: Logger.Level
    /// Connection timeouts and cap (`limits:`).
    public var limits = AgentLimits()
    /// Strata interface name → OS device (`interfaces:`), for backends that name devices (keepalived).
    public var interfaces: [String: String] = [:]

    /// Creates a configuration.
    public init(
        listen: ListenAddress, machine: String, version: String, stateDirectory: String, keepGenerations: Int = 10,
        maxBodyBytes: Int = 4 << 20, token: SecretReference, tls: TLSFiles? = nil, backends: [BackendSettings],
        logLevel: Logger.Level = .info
    ) {
        self.listen = listen
        self.machine = machine
        self.version = version
        self.stateDirectory = stateDirectory
        self.keepGenerations = keepGenerations
        self.maxBodyBytes = maxBodyBytes
        self.token = token
        self.tls = tls
        self.backends = backends
        self.logLevel = logLevel
    }
}

/// A host (name, IPv4 or IPv6 address) and a TCP port.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host to bind.
    public var host: String
    /// The port; 0 lets the system choose.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[v6-address]:port`; nil when malformed.
    public init?(parsing text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].first == ":" else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard NameRules.isIPv6(String(host)) else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard NameRules.isHostName(String(host)) || NameRules.isIPv4(String(host)) else { return nil }
        }
        guard !portText.isEmpty, portText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let port = Int(portText),
              (0...65_535).contains(port) else { return nil }
        self.init(host: String(host), port: port)
    }

    /// Whether only this machine can reach the address (plain HTTP is then acceptable).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `host:port`, with brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// The PEM files of the agent's TLS identity.
public struct TLSFiles: Sendable, Hashable {
    /// The certificate chain (PEM).
    public var certificate: String
    /// The private key (PEM).
    public var key: String

    /// Creates the pair.
    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }
}

/// The `files` backend: where the configuration is written and the operator's commands.
public struct FilesBackendSettings: Sendable, Hashable {
    /// The file that receives the effective configuration (canonical JSON, secrets resolved, mode 0600).
    public var path: String
    /// Run after the file is written: argv, no shell.
    public var apply: [String]
    /// Run after `apply` succeeds; nil when the operator has no health check.
    public var health: [String]?
    /// How long each command may run, in seconds.
    public var timeoutSeconds: Int
    /// The network namespace the commands run in (`ip netns exec NAME`); nil: the agent's own.
    public var netns: String?

    /// Creates the settings.
    public init(path: String, apply: [String], health: [String]?, timeoutSeconds: Int = 30, netns: String? = nil) {
        self.path = path
        self.apply = apply
        self.health = health
        self.timeoutSeconds = timeoutSeconds
        self.netns = netns
    }
}
