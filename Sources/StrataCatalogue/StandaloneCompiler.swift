public import StrataModel
public import StrataYAML

/// The result of checking a standalone export.
public struct StandaloneResult: Sendable {
    /// The flattened machine, when the file names one.
    public var effective: EffectiveConfiguration?
    /// Every finding.
    public var diagnostics: Diagnostics
}

/// Checks a standalone file (`standalone: MACHINE`, `settings:`): every feature allowed, references within the file.
public enum StandaloneCompiler {
    /// Group and cluster names used for a standalone machine's synthetic cluster.
    public static let syntheticName = StandaloneMachine.syntheticName

    /// Checks one parsed standalone file.
    public static func compile(_ file: DeclaredFile) -> StandaloneResult {
        var diagnostics = Diagnostics()
        var reader = ModeFileReader(file: file, allowedKeys: FileSchemas.standaloneKeys)
        let nameValue = reader.string("standalone", format: .text)
        let serial = reader.string("serial", format: .identifier)
        var machine: MachineName?
        if let name = nameValue?.stringValue {
            if NameRules.isValidMachineName(name) {
                machine = MachineName(name)
            } else {
                reader.decoder.diagnostics.report(
                    .invalidName, "'\(name)' is not a valid machine name", at: nameValue?.location ?? .file(file.path),
                    help: "a machine name is a lowercase DNS host name or an IP address")
            }
        } else if reader.entries["standalone"] == nil && file.parsed {
            reader.decoder.diagnostics.report(
                .missingField, "a standalone file names its machine with `standalone: <machine>`", at: .file(file.path))
        }
        let mode = Mode.machine(machine ?? MachineName("unknown"))
        let settings = reader.settings(mode: mode, moveHint: { _ in "" }, allowEveryFeature: true)
        diagnostics.append(contentsOf: reader.decoder.diagnostics)
        guard let machine else { return StandaloneResult(effective: nil, diagnostics: diagnostics) }

        var invalid = InvalidFeatures()
        invalid.record(reader.invalidFeatures, for: mode)
        let spec = MachineSpec(
            name: machine, group: GroupName(syntheticName), serial: serial?.stringValue, serialLocation: serial?.location,
            settings: settings)
        let (effective, findings) = StandaloneMachine.check(spec, invalid: invalid, file: file.path)
        diagnostics.append(contentsOf: findings)
        return StandaloneResult(effective: effective, diagnostics: diagnostics)
    }
}
