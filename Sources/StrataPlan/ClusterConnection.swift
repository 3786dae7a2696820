public import StrataModel

/// How the controller reaches the live state of one cluster's machines.
public enum ClusterConnection: Sendable, Hashable {
    /// No `agents:` block: each machine's state is a state store in `<directory>/<machine>/`, and the "agent" is
    /// in-process; it reports `version` (the cluster's `requires.version`, or `embedded`).
    case embedded(directory: String, version: String)
    /// Node agents over HTTP or HTTPS.
    case agents(AgentAccess)

    /// The two kinds of connection, named as in plan files.
    public enum Kind: String, Sendable, Hashable {
        case embedded
        case agents
    }

    /// `embedded` or `agents`.
    public var kind: Kind {
        switch self {
        case .embedded: .embedded
        case .agents: .agents
        }
    }
}

/// `agents:` as the controller uses it: TLS mode, the CA file (an absolute path), the token reference, the port.
public struct AgentAccess: Sendable, Hashable {
    /// `enforce`, `permissive` or `off`.
    public var tls: AgentTLS
    /// The bearer token's reference; resolved when connecting, never stored.
    public var token: SecretReference?
    /// The CA bundle that `enforce` verifies against (absolute); nil for the system's trust store.
    public var caFile: String?
    /// The port of derived agent URLs.
    public var port: Int

    /// Creates the access settings.
    public init(tls: AgentTLS, token: SecretReference?, caFile: String?, port: Int) {
        self.tls = tls
        self.token = token
        self.caFile = caFile
        self.port = port
    }
}
