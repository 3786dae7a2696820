import StrataModel

extension AgentFailure {
    /// A backend's refusal: 422 with its findings when it refused before the switch (nothing changed),
    /// else 500 saying what failed and how restoring the previous generation went.
    static func backend(_ failure: BackendFailure, restore: RestoreOutcome?, state: AgentState?) -> AgentFailure {
        let full = failure.message + (restore.map { "; \($0.summary)" } ?? "; nothing was changed")
        if failure.code == .invalidConfiguration {
            return AgentFailure(
                .unprocessableContent,
                AgentErrorBody(
                    code: failure.code, message: full, outputTail: failure.outputTail,
                    diagnostics: DiagnosticJSON.document(failure.diagnostics), state: state))
        }
        return AgentFailure(.internalServerError, AgentErrorBody(code: failure.code, message: full, outputTail: failure.outputTail, state: state))
    }
}
