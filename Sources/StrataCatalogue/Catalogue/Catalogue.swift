import StrataModel

/// The v1 feature catalogue (SPEC section 3), in canonical order.
public enum Catalogue {
    /// Every feature, in the order outputs list them.
    public static let features: [FeatureDefinition] = [
        Interfaces.definition, Hostname.definition, Routes.definition, FeatureKeys.definition,
        Users.definition, SSH.definition, Timezone.definition, NTP.definition,
        Listeners.definition, TextResources.definition, LDAP.definition, BounceProfiles.definition,
        SMTPAuthProfiles.definition, Dictionaries.definition, ContentFilters.definition, SMTPRoutes.definition,
        DestinationControls.definition, DNS.definition, GlobalUnsubscribe.definition, MTA.definition,
        Failover.definition, FailoverPriority.definition,
    ]

    private static let byName: [String: FeatureDefinition] = Dictionary(
        uniqueKeysWithValues: features.map { ($0.name.rawValue, $0) })

    /// The feature with this key (as written in a file, or typed on the command line).
    public static func feature(_ name: String) -> FeatureDefinition? { byName[name] }

    /// The feature with this name.
    public static func feature(_ name: FeatureName) -> FeatureDefinition? { byName[name.rawValue] }

    /// Feature keys, in catalogue order.
    public static let names: [String] = features.map(\.name.rawValue)
}

/// Shorthand constructors used by the feature files.
extension FieldPresence {
    static func defaultString(_ text: String) -> FieldPresence { .defaulted(.string(text)) }
    static func defaultInteger(_ number: Int) -> FieldPresence { .defaulted(.integer(number)) }
    static func defaultBoolean(_ flag: Bool) -> FieldPresence { .defaulted(.boolean(flag)) }
    static func defaultDuration(_ seconds: Int) -> FieldPresence { .defaulted(.duration(seconds)) }
    static let emptyList = FieldPresence.defaulted(.list([]))
}

extension ValueType {
    static let name = ValueType.string(.identifier)
    static let port = ValueType.integer(1...65_535)
    static let count = ValueType.integer(0...1_000_000_000)
    static func strings(_ format: StringFormat) -> ValueType { .list(.string(format), minimumCount: 0) }
}
