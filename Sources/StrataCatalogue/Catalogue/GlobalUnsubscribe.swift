import StrataModel

/// `global_unsubscribe` (any mode): addresses and domains never delivered to.
enum GlobalUnsubscribe {
    static let definition = FeatureDefinition(
        .globalUnsubscribe, levels: [.cluster, .group, .machine], type: .strings(.addressOrDomain),
        summary: "addresses and domains that receive no mail", default: .list([]))
}

extension FeatureName {
    /// `global_unsubscribe`.
    public static let globalUnsubscribe = FeatureName("global_unsubscribe")
}
