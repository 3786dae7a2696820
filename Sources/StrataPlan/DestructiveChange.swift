public import StrataModel

/// A change that would stop a machine accepting or relaying mail (SPEC: the destructive-change guard): `plan` and
/// `diff` mark it, `apply` refuses it without `--allow-destructive`, `reconcile` never applies it on its own.
public struct DestructiveChange: Sendable, Hashable {
    /// Which rule found it; the raw value is the stable `kind` of the JSON documents.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A machine that had at least one listener has none.
        case noListener = "no_listener"
        /// An interface that a listener bound is removed.
        case boundInterfaceRemoved = "bound_interface_removed"
        /// The address of an interface that a listener bound changes.
        case boundAddressChanged = "bound_address_changed"
        /// A listener's host access table had rows and is empty.
        case hatEmptied = "hat_emptied"
        /// A listener's recipient access table had rows and is empty.
        case ratEmptied = "rat_emptied"
        /// `smtp_routes` had routes and is empty.
        case smtpRoutesEmptied = "smtp_routes_emptied"
        /// A domain that was delivered somewhere is routed only to `/dev/null`.
        case domainToDevNull = "domain_to_dev_null"
    }

    /// The rule.
    public var kind: Kind
    /// Where, in the form of the diff's paths: `listeners`, `interfaces[Data1].address`, `smtp_routes[example.com]`.
    public var path: String
    /// Why it stops mail, for a person (names from the configuration: escape them when printing).
    public var reason: String

    /// Creates a finding.
    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// `{"kind", "path", "reason"}`.
    public var json: JSON {
        .object([("kind", .string(kind.rawValue)), ("path", .string(path)), ("reason", .string(reason))])
    }

    /// Reads `json`; nil when it is not a finding of a kind this build knows.
    public init?(json: JSON) {
        guard let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:)), let path = json["path"]?.stringValue,
              let reason = json["reason"]?.stringValue else { return nil }
        self.init(kind: kind, path: path, reason: reason)
    }

    /// `listeners: the machine accepted mail on ... (no_listener)`, for text views.
    public var line: String { "\(path): \(reason) (\(kind.rawValue))" }
}
