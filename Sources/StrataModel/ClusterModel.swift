/// A feature as configured in one mode: the canonical value and where its key was written.
public struct ConfiguredFeature: Sendable, Hashable {
    /// The feature name.
    public var name: String
    /// Its value in this mode.
    public var value: Value
    /// Where the feature's key is in the file.
    public var location: SourceLocation

    /// Creates a configured feature.
    public init(name: String, value: Value, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// The settings one mode configures.
public struct ModeSettings: Sendable, Hashable {
    /// The mode.
    public var mode: Mode
    /// The file the settings are in.
    public var file: String
    /// Configured features by name.
    public var features: [String: ConfiguredFeature]

    /// Creates mode settings.
    public init(mode: Mode, file: String, features: [String: ConfiguredFeature] = [:]) {
        self.mode = mode
        self.file = file
        self.features = features
    }
}

/// How machines of a cluster must be named.
public enum Addressing: String, Sendable, Hashable, Codable {
    case hostname
    case ip
}

/// TLS towards the agents.
public enum AgentTLS: String, Sendable, Hashable, Codable {
    case enforce
    case permissive
    case off
}

/// `requires:` of cluster.yaml.
public struct ClusterRequirements: Sendable, Hashable {
    /// The software version every agent must report.
    public var version: String?
    /// The kind of machine names.
    public var addressing: Addressing?
    /// Above this many machines: a warning.
    public var maxMachines: Int

    /// Creates requirements.
    public init(version: String? = nil, addressing: Addressing? = nil, maxMachines: Int = 20) {
        self.version = version
        self.addressing = addressing
        self.maxMachines = maxMachines
    }
}

/// `agents:` of cluster.yaml: how the controller reaches node agents.
public struct AgentSettings: Sendable, Hashable {
    /// The agents' TCP port.
    public var port: Int
    /// TLS mode.
    public var tls: AgentTLS
    /// The bearer token.
    public var token: SecretReference?
    /// CA bundle for `enforce`.
    public var caFile: String?

    /// Creates agent settings.
    public init(port: Int = 7443, tls: AgentTLS = .enforce, token: SecretReference? = nil, caFile: String? = nil) {
        self.port = port
        self.tls = tls
        self.token = token
        self.caFile = caFile
    }
}

/// A machine's own file: group, serial, agent address and machine-mode settings.
public struct MachineSpec: Sendable, Hashable {
    /// The machine.
    public var name: MachineName
    /// Its group, when the file names one.
    public var group: GroupName?
    /// Where `group:` was written.
    public var groupLocation: SourceLocation?
    /// The serial number, if given.
    public var serial: String?
    /// Where the serial was written.
    public var serialLocation: SourceLocation?
    /// An explicit agent URL overriding the derived one.
    public var agent: String?
    /// Machine-mode settings.
    public var settings: ModeSettings

    /// Creates a machine spec.
    public init(
        name: MachineName, group: GroupName?, groupLocation: SourceLocation? = nil, serial: String? = nil,
        serialLocation: SourceLocation? = nil, agent: String? = nil, settings: ModeSettings
    ) {
        self.name = name
        self.group = group
        self.groupLocation = groupLocation
        self.serial = serial
        self.serialLocation = serialLocation
        self.agent = agent
        self.settings = settings
    }
}

/// A checked cluster: its declarations per mode and every machine's effective configuration.
public struct CompiledCluster: Sendable {
    /// The cluster.
    public var name: ClusterName
    /// Path of cluster.yaml.
    public var file: String
    /// `requires:`.
    public var requirements: ClusterRequirements
    /// `agents:`, nil for the embedded local state store.
    public var agents: AgentSettings?
    /// Cluster-mode settings.
    public var clusterSettings: ModeSettings
    /// Group-mode settings by group, sorted by name.
    public var groups: [GroupName: ModeSettings]
    /// Machines by name.
    public var machines: [MachineName: MachineSpec]
    /// Effective configurations, sorted by machine name (machines whose group is unknown are left out).
    public var effective: [EffectiveConfiguration]

    /// Creates a compiled cluster.
    public init(
        name: ClusterName, file: String, requirements: ClusterRequirements, agents: AgentSettings?,
        clusterSettings: ModeSettings, groups: [GroupName: ModeSettings], machines: [MachineName: MachineSpec],
        effective: [EffectiveConfiguration]
    ) {
        self.name = name
        self.file = file
        self.requirements = requirements
        self.agents = agents
        self.clusterSettings = clusterSettings
        self.groups = groups
        self.machines = machines
        self.effective = effective
    }

    /// Every mode's settings, cluster first, then groups and machines by name.
    public var allModes: [ModeSettings] {
        [clusterSettings] + groups.keys.sorted().compactMap { groups[$0] }
            + machines.keys.sorted().compactMap { machines[$0]?.settings }
    }

    /// The effective configuration of one machine.
    public func effective(for machine: MachineName) -> EffectiveConfiguration? {
        effective.first { $0.machine == machine }
    }
}
