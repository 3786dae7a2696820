package import StrataModel

/// The one path that checks a single machine outside any repository: a standalone export read from YAML
/// (``StandaloneCompiler``) and a configuration received as JSON (``CanonicalDecoder/check(_:file:)``).
///
/// The checks look at a cluster, so the machine is placed in a one-machine cluster here, and only here.
package enum StandaloneMachine {
    /// Group and cluster names of a standalone machine.
    package static let syntheticName = "standalone"

    /// Runs the standalone checks on `spec`; `effective` is flattened from its settings unless given.
    package static func check(
        _ spec: MachineSpec, effective given: EffectiveConfiguration? = nil, invalid: InvalidFeatures = InvalidFeatures(),
        file: String
    ) -> (effective: EffectiveConfiguration, diagnostics: Diagnostics) {
        let group = spec.group ?? GroupName(syntheticName)
        var cluster = CompiledCluster(
            name: ClusterName(syntheticName), file: file, requirements: ClusterRequirements(), agents: nil,
            clusterSettings: ModeSettings(mode: .cluster, file: file),
            groups: [group: ModeSettings(mode: .group(group), file: file)], machines: [spec.name: spec], effective: [])
        let effective = given ?? Flattener.flatten(machine: spec, group: group, cluster: cluster)
        cluster.effective = [effective]
        var diagnostics = Diagnostics()
        let context = CheckContext(cluster: cluster, invalid: invalid, standalone: true)
        for check in Checks.standalone {
            check.run(context, diagnostics: &diagnostics)
        }
        return (effective, diagnostics)
    }
}
