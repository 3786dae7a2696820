public import StrataModel

/// A mode as the edit commands write it: `cluster`, `group:NAME`, `machine:NAME`, or (as a target) `all-groups`.
public enum ModeArgument: Sendable, Hashable, CustomStringConvertible {
    case mode(Mode)
    /// Every group of the cluster (Cisco's "copy to all groups").
    case allGroups

    /// Reads a mode as written; nil when the text is none of the forms (names are checked against the cluster later).
    public init?(_ text: String) {
        if text == "cluster" {
            self = .mode(.cluster)
        } else if text == "all-groups" {
            self = .allGroups
        } else if text.hasPrefix("group:"), text.count > 6 {
            self = .mode(.group(GroupName(String(text.dropFirst(6)))))
        } else if text.hasPrefix("machine:"), text.count > 8 {
            self = .mode(.machine(MachineName(String(text.dropFirst(8)))))
        } else {
            return nil
        }
    }

    /// The text form.
    public var description: String {
        switch self {
        case .mode(let mode): mode.description
        case .allGroups: "all-groups"
        }
    }
}
