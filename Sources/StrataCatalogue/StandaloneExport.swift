public import StrataModel
import StrataYAML

/// Writes a machine's effective configuration as a standalone file (flatten-on-remove).
public enum StandaloneExport {
    /// The standalone YAML document, headed by a comment naming where it came from.
    public static func document(
        for configuration: EffectiveConfiguration, serial: String?, commit: String?, schemaURL: String? = nil
    ) -> String {
        var entries: [(String, YAMLOutput)] = [("standalone", .string(configuration.machine.rawValue))]
        if let serial { entries.append(("serial", .string(serial))) }
        // Derived fields (failover.peers) are the cluster's to compute; a standalone file may not write them.
        entries.append(("settings", .mapping(configuration.features.map { feature in
            let type = Catalogue.feature(feature.name)?.type
            return (feature.name, YAMLOutput(type.map { DerivedFields.removing(from: feature.value, type: $0) } ?? feature.value))
        })))
        var header = ""
        if let schemaURL { header += "# yaml-language-server: $schema=\(schemaURL)\n" }
        header += "# Standalone configuration of machine \(configuration.machine), flattened by strata export.\n"
        header += "# Cluster: \(configuration.cluster); group: \(configuration.group)"
        header += commit.map { "; commit: \($0)\n" } ?? "\n"
        header += "# Every feature is written at machine mode; check it with `strata validate --standalone FILE`.\n"
        return header + (YAMLWriter.emit(.mapping(entries)) ?? "")
    }
}
