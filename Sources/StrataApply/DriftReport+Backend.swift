public import StrataModel

extension DriftReport.Machine {
    /// Hand edits the machine's backends found in the files they rendered for the current generation
    /// (the agent reports them in its state answer; an older agent reports none).
    public var backendDrift: [BackendDrift] { state?.backend?.drift ?? [] }
}
