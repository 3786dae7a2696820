import StrataModel
import StrataState

/// The agent's backends as the generation protocol's installer: a generation is committed only after
/// the backends have installed it and found it healthy.
struct BackendInstaller: GenerationInstaller {
    /// A backend's refusal, and how putting the previous generation back went (nil: nothing was changed).
    struct Refusal: Error {
        var failure: BackendFailure
        var restore: RestoreOutcome?
    }

    let backends: BackendPipeline

    /// Installs through every backend; the warnings they found.
    func install(_ generation: StoredGeneration, previous: StoredGeneration?) throws(Refusal) -> [BackendWarning] {
        switch backends.install(generation, previous: previous) {
        case .installed(let warnings): return warnings
        case .failed(let failure, let restore): throw Refusal(failure: failure, restore: restore)
        }
    }

    /// The backends run the new generation but the state directory does not record it: undo.
    func undo(installing generation: StoredGeneration, previous: StoredGeneration?) -> String {
        backends.restore(previous, onlyWhereDifferent: false).summary
    }
}
