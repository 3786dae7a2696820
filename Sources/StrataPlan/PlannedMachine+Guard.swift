public import StrataModel
import StrataCatalogue

extension PlannedMachine {
    /// The destructive-change guard's findings for applying this machine's configuration over `live` (its state read
    /// just before applying a saved plan): what `apply` refuses on, so a plan file without the `destructive` field
    /// (written before the guard) or with it edited cannot slip a destructive change past it. Nil when they cannot be
    /// recomputed (a configuration that cannot be decoded): the file's findings stand then.
    public func destructiveFindings(live: AgentState) -> [DestructiveChange]? {
        // Nothing sent (unchanged, released) or nothing live yet: nothing to stop.
        guard action == .create || action == .update, let configuration, live.generation > 0 else { return [] }
        guard let liveConfiguration = live.configuration,
              let before = CanonicalDecoder.decode(liveConfiguration, machine: machine, file: "live configuration").0,
              let after = CanonicalDecoder.decode(configuration, machine: machine, file: "plan").0
        else { return nil }
        return DestructiveRules.findings(before: before, after: after)
    }
}
