public import StrataModel

/// One difference in a machine's effective configuration, addressed by a path such as `listeners[IncomingMail].port`.
public struct ConfigChange: Sendable, Hashable {
    /// Feature name, then record fields joined with `.` and keyed-list items addressed by key in brackets.
    public var path: String
    /// The value before, nil when the path did not exist.
    public var before: Value?
    /// The value after, nil when the path no longer exists.
    public var after: Value?

    /// Creates a change.
    public init(path: String, before: Value?, after: Value?) {
        self.path = path
        self.before = before
        self.after = after
    }

    /// What kind of change this is, from which side is absent.
    public var kind: Kind {
        switch (before, after) {
        case (nil, _): .added
        case (_, nil): .removed
        default: .modified
        }
    }

    /// Whether a change adds, removes or modifies the value at its path.
    public enum Kind: String, Sendable, Hashable, Codable {
        case added
        case removed
        case modified
    }
}

extension ConfigChange: Codable {
    private enum CodingKeys: String, CodingKey { case path, before, after }

    /// Decodes a change saved by ``encode(to:)``; values keep their exact kind (durations stay durations).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        before = try container.decodeIfPresent(StoredValue.self, forKey: .before)?.value
        after = try container.decodeIfPresent(StoredValue.self, forKey: .after)?.value
    }

    /// Encodes the change with tagged values, so a saved plan reads back exactly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(before.map(StoredValue.init), forKey: .before)
        try container.encode(after.map(StoredValue.init), forKey: .after)
    }
}
