package import StrataModel

/// Features that a mode configured but that did not check out; checks skip them to avoid follow-on errors.
package struct InvalidFeatures: Sendable {
    /// No invalid feature yet.
    package init() {}

    private var byMode: [Mode: Set<String>] = [:]

    package mutating func record(_ names: Set<String>, for mode: Mode) {
        if !names.isEmpty { byMode[mode, default: []].formUnion(names) }
    }

    /// A mode whose file could not be read: nothing it may configure can be trusted.
    package mutating func recordEverything(for mode: Mode) {
        record(Set(Catalogue.names), for: mode)
    }

    /// Whether `feature` is unusable for a machine of `group`.
    package func contains(_ feature: String, machine: MachineName, group: GroupName) -> Bool {
        byMode[.machine(machine)]?.contains(feature) == true || byMode[.group(group)]?.contains(feature) == true
            || byMode[.cluster]?.contains(feature) == true
    }
}
