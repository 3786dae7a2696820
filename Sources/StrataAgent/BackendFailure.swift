import StrataModel

/// Why a backend step failed: a stable code, what to tell the operator, and whether the machine changed.
struct BackendFailure: Error, Sendable {
    /// `invalidConfiguration` (refused before the switch: 422), `applyFailed`, `healthFailed`.
    var code: AgentErrorCode
    /// What failed, naming the Strata feature and path when the backend knows them.
    var message: String
    /// The end of the tool's output or the log.
    var outputTail: String?
    /// For `invalid-configuration`: the findings, as diagnostics.
    var diagnostics: [Diagnostic] = []
    /// Whether the machine may have changed, so the previous generation must be put back.
    var changed: Bool

    /// A refusal before the switch: nothing changed.
    static func invalid(_ message: String, diagnostics: [Diagnostic], outputTail: String? = nil) -> BackendFailure {
        BackendFailure(code: .invalidConfiguration, message: message, outputTail: outputTail, diagnostics: diagnostics, changed: false)
    }
}

/// How restoring the previous generation went.
struct RestoreOutcome: Sendable {
    /// The generation restored (0: the state before the first generation).
    var generation: Int
    /// Why the restore failed, nil when it succeeded.
    var failure: String?
    /// What the backend proved after restoring (`it serves mail again`).
    var detail: String?

    /// `generation 3 restored` or `restoring generation 3 also failed: ...`.
    var summary: String {
        failure.map { "restoring generation \(generation) also failed: \($0)" }
            ?? "generation \(generation) restored" + (detail.map { ": \($0)" } ?? "")
    }

    /// Several restores (one per backend) as one.
    static func combined(_ outcomes: [RestoreOutcome], generation: Int) -> RestoreOutcome {
        let failures = outcomes.compactMap(\.failure)
        let details = outcomes.compactMap(\.detail)
        return RestoreOutcome(
            generation: generation, failure: failures.isEmpty ? nil : failures.joined(separator: "; "),
            detail: details.isEmpty ? nil : details.joined(separator: "; "))
    }
}

/// The result of installing a generation.
enum InstallOutcome: Sendable {
    /// Rendered, validated, switched and healthy; the backends' warnings.
    case installed(warnings: [BackendWarning])
    /// Refused; `restore` says how putting the previous state back went (nil: nothing was changed).
    case failed(BackendFailure, restore: RestoreOutcome?)
}
