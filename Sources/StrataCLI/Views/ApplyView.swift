import Foundation
import StrataModel
import StrataPlan
import StrataApply

/// Renders an apply: its progress as it happens, each machine's outcome, the closing summary (text), or the
/// `apply --format json` document; and why a saved plan is refused.
enum ApplyView {
    /// One progress line of an apply, as it happens.
    static func progress(_ event: RolloutEvent, style: Style) -> String {
        switch event {
        case .started(let machine) where machine.action == .delete:
            return "\(machine.label): releasing (left the cluster, at generation \(machine.liveGeneration.map(String.init) ?? "?"))\n"
        case .started(let machine):
            let from = machine.liveGeneration.map { " from generation \($0)" } ?? ""
            return "\(machine.label): applying (\(machine.action.rawValue), \(machine.changes.count) change\(machine.changes.count == 1 ? "" : "s")\(from))\n"
        case .finished(let result):
            return outcome(result, style: style)
        }
    }

    /// The line of a machine rolled back after a failure elsewhere (empty when it was not).
    static func rollback(_ result: MachineResult, style: Style) -> String {
        let label = result.machine.label
        switch result.rollback {
        case .rolledBack(let state)?:
            let restored = state.current?.restoredFrom.map { ", restoring generation \($0)" } ?? ""
            return "\(label): " + style.yellow("rolled back") + ", now at generation \(state.generation)\(restored)\n"
        case .failed(let error)?:
            var text = "\(label): " + style.red("rollback failed") + " [\(error.code.rawValue)] \(error.message.terminalSafe)\n"
            if let cause = error.cause { text += "    " + cause.terminalSafe + "\n" }
            return text
        case nil:
            return ""
        }
    }

    /// The line (and details) of a machine's outcome.
    static func outcome(_ result: MachineResult, style: Style, interrupted: Bool = false) -> String {
        let label = result.machine.label
        switch result.outcome {
        case .applied(let state):
            let hash = state.current.map { ", config hash \($0.configHash.prefix(12))" } ?? ""
            let warnings = (state.backend?.warnings ?? []).map { "    " + style.yellow("warning") + " (\($0.backend)): \($0.path): \($0.message)\n" }
            return "\(label): " + style.green("applied") + ", now at generation \(state.generation)\(hash)\n" + warnings.joined()
        case .released(let state):
            return "\(label): " + style.green("released") + ", keeps serving generation \(state.generation)\n"
        case .unchanged:
            return "\(label): unchanged\n"
        case .skipped(let error):
            return "\(label): " + style.yellow("skipped") + " (\(error.message.terminalSafe)); the next apply catches it up\n"
        case .notAttempted:
            let why = interrupted ? "the rollout was stopped by a signal" : "the rollout stopped at an earlier failure"
            return "\(label): not attempted (\(why))\n"
        case .failed(let error):
            var text = "\(label): " + style.red("failed") + " [\(error.code.rawValue)] \(error.message.terminalSafe)\n"
            if let cause = error.cause { text += "    " + cause.terminalSafe + "\n" }
            if let tail = error.outputTail?.trimmingCharacters(in: .whitespacesAndNewlines), !tail.isEmpty {
                text += "    output:\n" + tail.split(separator: "\n", omittingEmptySubsequences: false).map { "      | " + $0.terminalSafe }.joined(separator: "\n") + "\n"
            }
            if let state = error.state {
                let restored = state.current?.restoredFrom.map { ", restored from generation \($0)" } ?? ""
                text += "    the machine is now at generation \(state.generation)\(restored)\n"
            }
            return text
        }
    }

    /// What became of the machines never started (they had no progress line), then the closing summary.
    static func closing(_ report: RolloutReport, style: Style) -> String {
        var out = ""
        for result in report.results {
            switch result.outcome {
            case .skipped where result.machine.problem != nil, .notAttempted:
                out += outcome(result, style: style, interrupted: report.interrupted)
            default: break
            }
        }
        return out + "\n" + summary(report, style: style)
    }

    /// The closing summary of an apply.
    static func summary(_ report: RolloutReport, style: Style) -> String {
        let counts = report.counts
        var parts = ["\(counts.applied) applied", "\(counts.unchanged) unchanged"]
        if report.released > 0 { parts.append("\(report.released) released") }
        if counts.skipped > 0 { parts.append("\(counts.skipped) skipped (unreachable)") }
        if counts.failed > 0 { parts.append("\(counts.failed) failed") }
        if counts.notAttempted > 0 { parts.append("\(counts.notAttempted) not attempted") }
        let rollbacks = report.rollbackCounts
        if rollbacks.rolledBack > 0 { parts.append("\(rollbacks.rolledBack) rolled back") }
        if rollbacks.failed > 0 { parts.append("\(rollbacks.failed) rollback\(rollbacks.failed == 1 ? "" : "s") failed") }
        let verdict =
            report.failed ? style.red("Apply stopped at a failure: ")
            : report.interrupted ? style.yellow("Apply stopped by a signal: ") : style.green("Apply complete: ")
        return verdict + parts.joined(separator: ", ") + ".\n"
    }

    /// The `apply --format json` document: the plan, each machine's outcome, the counts.
    static func json(_ plan: Plan, report: RolloutReport?, refused: String? = nil) -> JSON {
        var fields: [(String, JSON)] = [("plan", PlanView(plan: plan).json())]
        if let report {
            fields.append(("results", .array(report.results.map(resultJSON))))
            let counts = report.counts
            fields.append((
                "summary",
                .object([
                    ("applied", .int(counts.applied)), ("unchanged", .int(counts.unchanged)), ("skipped", .int(counts.skipped)),
                    ("failed", .int(counts.failed)), ("not_attempted", .int(counts.notAttempted)), ("released", .int(report.released)),
                    ("rolled_back", .int(report.rollbackCounts.rolledBack)), ("rollback_failed", .int(report.rollbackCounts.failed)),
                ])))
            fields.append(("stopped", .bool(report.stopped)))
            fields.append(("interrupted", .bool(report.interrupted)))
        }
        fields.append(("refused", .optional(refused)))
        return .object(fields)
    }

    static func resultJSON(_ result: MachineResult) -> JSON {
        let outcome: String
        var after: JSON = .null
        var error: JSON = .null
        switch result.outcome {
        case .applied(let state):
            outcome = "applied"
            after = .int(state.generation)
        case .released(let state):
            outcome = "released"
            after = .int(state.generation)
        case .unchanged: outcome = "unchanged"
        case .skipped(let problem): outcome = "skipped"; error = problem.json
        case .failed(let problem):
            outcome = "failed"
            error = problem.json
            after = problem.state.map { .int($0.generation) } ?? .null
        case .notAttempted: outcome = "not-attempted"
        }
        return .object([
            ("machine", .string(result.machine.machine.rawValue)), ("cluster", .string(result.machine.cluster.rawValue)),
            ("outcome", .string(outcome)), ("generation_before", result.machine.liveGeneration.map(JSON.int) ?? .null),
            ("generation_after", after), ("error", error), ("rollback", rollbackJSON(result.rollback)),
        ])
    }

    /// `null`, or `{"outcome": "rolled-back"|"failed", "generation", "restored_from", "error"}`.
    static func rollbackJSON(_ rollback: RollbackOutcome?) -> JSON {
        switch rollback {
        case nil: return .null
        case .rolledBack(let state)?:
            return .object([
                ("outcome", .string("rolled-back")), ("generation", .int(state.generation)),
                ("restored_from", state.current?.restoredFrom.map(JSON.int) ?? .null), ("error", .null),
            ])
        case .failed(let error)?:
            return .object([
                ("outcome", .string("failed")), ("generation", error.state.map { .int($0.generation) } ?? .null),
                ("restored_from", .null), ("error", error.json),
            ])
        }
    }

    /// Why a saved plan is refused: which machines moved (and who moved them), which must not be applied.
    static func stale(_ freshness: PlanFreshness) -> String {
        var lines: [String] = []
        for move in freshness.moved {
            var line = "\(move.machine.label) was at generation \(move.machine.liveGeneration.map(String.init) ?? "?") when the plan was made and is now at \(move.generation)"
            if let current = move.current {
                line += " (applied \(current.appliedAt)\(current.appliedBy.map { " by \($0)" } ?? ""))"
            }
            lines.append(line)
        }
        for (machine, problem) in freshness.problems { lines.append("\(machine.label): \(problem.message)") }
        return lines.map { "  " + $0 + "\n" }.joined()
    }
}
