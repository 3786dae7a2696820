public import StrataModel

/// One CLUSTERSET-style edit of a feature between modes.
public struct FeatureEdit: Sendable, Hashable {
    /// What the edit does with the source mode's setting.
    public enum Kind: String, Sendable, Hashable {
        /// Write the source's setting into each target; keep the source.
        case copy
        /// As copy, then remove the source's setting.
        case move
        /// Remove the source's setting, so the mode inherits again (no targets).
        case unset
    }

    /// The kind of edit.
    public var kind: Kind
    /// The feature's key (`smtp_routes`).
    public var feature: String
    /// The mode whose setting is copied, moved or removed.
    public var source: Mode
    /// Where it goes (empty for unset).
    public var targets: [ModeArgument]
    /// Whether a target that already configures the feature is overwritten (otherwise E604).
    public var replace: Bool

    /// Creates an edit.
    public init(kind: Kind, feature: String, source: Mode, targets: [ModeArgument] = [], replace: Bool = false) {
        self.kind = kind
        self.feature = feature
        self.source = source
        self.targets = targets
        self.replace = replace
    }
}
