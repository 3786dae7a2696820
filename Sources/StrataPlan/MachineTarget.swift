public import StrataModel

/// One machine whose live state the controller reads or changes, and how to reach it.
public struct MachineTarget: Sendable {
    /// How the machine's live state is reached.
    public enum Endpoint: Sendable, Hashable {
        /// A node agent at this base URL (`https://newyork.example.com:7443`).
        case agent(url: String)
        /// The embedded state store in this directory.
        case embedded(directory: String)

        /// What plan files and outputs write in a machine's `agent` field for the embedded state store.
        public static let embeddedAddress = "embedded"

        /// The agent URL, or `embedded` for the embedded state store.
        public var address: String {
            switch self {
            case .agent(let url): url
            case .embedded: Self.embeddedAddress
            }
        }

        /// The endpoint an `agent` field names: `embedded` (whose directory is then required) or an agent URL.
        public init<Failure: Error>(address: String, stateDirectory: () throws(Failure) -> String) throws(Failure) {
            self = address == Self.embeddedAddress ? .embedded(directory: try stateDirectory()) : .agent(url: address)
        }
    }

    /// The machine's cluster.
    public var cluster: ClusterName
    /// The machine.
    public var machine: MachineName
    /// Where its state is.
    public var endpoint: Endpoint
    /// The software version its agent must report (`requires.version`), if the cluster names one.
    public var requiredVersion: String?
    /// Why the controller cannot reach this machine as configured (bad URL for the TLS mode, ...), if so.
    public var problem: AgentCallError?

    /// Creates a target.
    public init(cluster: ClusterName, machine: MachineName, endpoint: Endpoint, requiredVersion: String?, problem: AgentCallError? = nil) {
        self.cluster = cluster
        self.machine = machine
        self.endpoint = endpoint
        self.requiredVersion = requiredVersion
        self.problem = problem
    }

    /// The agent URL, or `embedded` for the embedded state store.
    public var address: String { endpoint.address }

    /// `cluster/machine`, for messages.
    public var label: String { "\(cluster)/\(machine)" }
}
