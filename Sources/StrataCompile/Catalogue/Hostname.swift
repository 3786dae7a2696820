import StrataModel

/// `hostname` (machine mode): the machine's fully qualified host name.
enum Hostname {
    static let definition = FeatureDefinition(
        "hostname", levels: [.machine], type: .string(.host),
        summary: "the machine's host name, preferably fully qualified (default: the machine name)"
    ) { machine in .string(machine.rawValue) }
}
