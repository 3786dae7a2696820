import StrataModel
import StrataState

/// One backend's steps for one generation, with its rendering captured: lets the pipeline drive backends
/// of different kinds (agent.yaml's `backends: [...]`) as one generation.
struct StagedBackend: Sendable {
    let kind: String
    let warnings: [BackendWarning]
    let validate: @Sendable () throws(BackendFailure) -> Void
    let switchTo: @Sendable () throws(BackendFailure) -> Void
    let health: @Sendable () throws(BackendFailure) -> Void
    let restore: @Sendable () -> RestoreOutcome

    /// Renders `generation` with `backend`; nothing on the machine changes.
    static func stage<B: Backend>(_ backend: B, _ generation: StoredGeneration, previous: StoredGeneration?) throws(BackendFailure) -> StagedBackend {
        let rendering = try backend.render(generation, previous: previous)
        return StagedBackend(
            kind: backend.kind, warnings: backend.warnings(of: rendering),
            validate: { () throws(BackendFailure) in try backend.validate(rendering) },
            switchTo: { () throws(BackendFailure) in try backend.switchTo(rendering) },
            health: { () throws(BackendFailure) in try backend.health(rendering) },
            restore: { backend.restore(previous, replacing: rendering) })
    }
}

/// The agent's backends, applied and rolled back together as one generation: every backend is rendered
/// and validated before any switches; then each switches; then each must be healthy. A failure after
/// the first switch puts the previous generation back on every backend that may have changed, newest first.
struct BackendPipeline: Sendable {
    let backends: [any Backend]

    /// Installs `generation` over `previous` (nil at generation 0); on failure the previous state is
    /// restored before this returns.
    func install(_ generation: StoredGeneration, previous: StoredGeneration?) -> InstallOutcome {
        var staged: [StagedBackend] = []
        do throws(BackendFailure) {
            for backend in backends { staged.append(try StagedBackend.stage(backend, generation, previous: previous)) }
            for stage in staged { try stage.validate() }
        } catch {
            return .failed(error, restore: nil)
        }
        var switched: [StagedBackend] = []
        for stage in staged {
            do throws(BackendFailure) {
                try stage.switchTo()
                switched.append(stage)
            } catch {
                if error.changed { switched.append(stage) }
                return .failed(error, restore: switched.isEmpty ? nil : restore(switched, previous: previous))
            }
        }
        for stage in staged {
            do throws(BackendFailure) { try stage.health() } catch { return .failed(error, restore: restore(switched, previous: previous)) }
        }
        return .installed(warnings: staged.flatMap(\.warnings))
    }

    /// Puts `previous` back on every backend that does not run it (after a crash or a failed commit).
    func restore(_ previous: StoredGeneration?, onlyWhereDifferent: Bool) -> RestoreOutcome {
        var outcomes: [RestoreOutcome] = []
        for backend in backends {
            if onlyWhereDifferent, let previous, backend.holds(previous) { continue }
            outcomes.append(backend.restoreWithoutRendering(previous))
        }
        return .combined(outcomes, generation: previous?.summary.generation ?? 0)
    }

    /// Whether every backend runs `generation`.
    func holds(_ generation: StoredGeneration) -> Bool {
        backends.allSatisfy { $0.holds(generation) }
    }

    /// What the backends observe of the running configuration.
    func report(current: StoredGeneration?) -> BackendReport {
        backends.reduce(BackendReport()) { $0.merged(with: $1.report(current: current)) }
    }

    private func restore(_ switched: [StagedBackend], previous: StoredGeneration?) -> RestoreOutcome {
        .combined(switched.reversed().map { $0.restore() }, generation: previous?.summary.generation ?? 0)
    }
}
