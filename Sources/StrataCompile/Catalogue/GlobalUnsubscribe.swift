import StrataModel

/// `global_unsubscribe` (any mode): addresses and domains never delivered to.
enum GlobalUnsubscribe {
    static let definition = FeatureDefinition(
        "global_unsubscribe", levels: [.cluster, .group, .machine], type: .strings(.addressOrDomain),
        summary: "addresses and domains that receive no mail", default: .list([]))
}
