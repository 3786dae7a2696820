/// The name of a cluster: a directory under `clusters/`.
public struct ClusterName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name as written.
    public let rawValue: String
    /// Wraps a name already validated by ``NameRules``.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The name of a group: a file under `groups/`.
public struct GroupName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name as written.
    public let rawValue: String
    /// Wraps a name already validated by ``NameRules``.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The name of a machine: a lowercase DNS host name or an IP address.
public struct MachineName: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name as written.
    public let rawValue: String
    /// Wraps a name already validated by ``NameRules``.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// Whether the name is an IPv4 or IPv6 address rather than a host name.
    public var isIPAddress: Bool { NameRules.isIPAddress(rawValue) }
}

/// The three levels of a cluster, from the broadest to the narrowest.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case cluster
    case group
    case machine

    private var rank: Int {
        switch self {
        case .cluster: 0
        case .group: 1
        case .machine: 2
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}

/// One named member of a level: `cluster`, `group:usa`, `machine:newyork.example.com`.
public enum Mode: Sendable, Hashable, Comparable, CustomStringConvertible {
    case cluster
    case group(GroupName)
    case machine(MachineName)

    /// The level this mode belongs to.
    public var level: Level {
        switch self {
        case .cluster: .cluster
        case .group: .group
        case .machine: .machine
        }
    }

    /// `cluster`, `group:NAME` or `machine:NAME`, as in the output contracts.
    public var description: String {
        switch self {
        case .cluster: "cluster"
        case .group(let name): "group:\(name)"
        case .machine(let name): "machine:\(name)"
        }
    }

    public static func < (lhs: Mode, rhs: Mode) -> Bool {
        if lhs.level != rhs.level { return lhs.level < rhs.level }
        return lhs.description < rhs.description
    }
}
