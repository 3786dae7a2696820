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
    public enum Kind: String, Sendable, Hashable {
        case added
        case removed
        case modified
    }
}
