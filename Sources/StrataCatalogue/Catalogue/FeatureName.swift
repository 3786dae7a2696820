public import StrataModel

/// The name of a catalogue feature: its key under `settings:`.
///
/// Code names a feature through the constant its feature file declares (`FeatureName.listeners`), never
/// through a string literal, so a renamed or removed feature fails to compile instead of silently never matching.
public struct FeatureName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The key as written in files.
    public let rawValue: String

    /// Wraps a key.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The key as written in files.
    public var description: String { rawValue }

    /// Orders by key.
    public static func < (lhs: FeatureName, rhs: FeatureName) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension EffectiveConfiguration {
    /// The resolved feature with this name.
    public subscript(feature name: FeatureName) -> ResolvedFeature? { self[feature: name.rawValue] }
}

extension ModeSettings {
    /// The feature this mode configures under `name`, if any.
    public subscript(feature name: FeatureName) -> ConfiguredFeature? { features[name.rawValue] }
}
