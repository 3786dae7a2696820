import StrataModel

/// `hostname` (machine mode): the machine's fully qualified host name.
enum Hostname {
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .hostname, levels: [.machine], type: .string(.host),
            summary: "the machine's host name, preferably fully qualified (default: the machine name)"
        ) { machine in .string(machine.rawValue) }
        definition.shapeText = "host name (an FQDN is recommended)"
        definition.defaultText = "the machine name"
        return definition
    }()
}

extension FeatureName {
    /// `hostname`.
    public static let hostname = FeatureName("hostname")
}
