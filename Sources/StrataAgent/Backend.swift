import StrataModel
import StrataState

/// A way of turning a generation into the machine's real configuration (DECISIONS: "Who owns what").
///
/// The pipeline (``BackendPipeline``) drives every backend the same way: render → validate → switch →
/// health, and restore when a step after the switch fails. Each step knows the generation it belongs to
/// through the rendering. Every method blocks (files, commands, sockets); callers run them on a thread pool.
protocol Backend: Sendable {
    /// What one generation becomes before anything on the machine changes.
    associatedtype Rendering: Sendable

    /// `files`, `postfix`: the `type` in agent.yaml.
    var kind: String { get }

    /// Produces everything the generation needs; nothing on the machine changes.
    func render(_ generation: StoredGeneration, previous: StoredGeneration?) throws(BackendFailure) -> Rendering

    /// Mail features in use that the backend cannot express, reported in the apply answer.
    func warnings(of rendering: Rendering) -> [BackendWarning]

    /// Checks the rendering with the real tools; nothing on the machine changes.
    func validate(_ rendering: Rendering) throws(BackendFailure)

    /// Makes the rendering the running configuration. A failure says whether anything changed.
    func switchTo(_ rendering: Rendering) throws(BackendFailure)

    /// Proves the switched configuration serves.
    func health(_ rendering: Rendering) throws(BackendFailure)

    /// Puts `previous` back (nil: the state before the first generation), after `rendering` failed, or
    /// with no rendering after a crash or a failed commit.
    func restore(_ previous: StoredGeneration?, replacing rendering: Rendering?) -> RestoreOutcome

    /// Whether the machine already runs `generation` (after a crash it may run a newer, uncommitted one).
    func holds(_ generation: StoredGeneration) -> Bool

    /// What the backend observes of the running configuration (drift, queue), for state answers.
    func report(current: StoredGeneration?) -> BackendReport
}

extension Backend {
    func warnings(of rendering: Rendering) -> [BackendWarning] { [] }
    func validate(_ rendering: Rendering) throws(BackendFailure) {}
    func report(current: StoredGeneration?) -> BackendReport { BackendReport() }

    /// ``restore(_:replacing:)`` with no rendering, callable on `any Backend`.
    func restoreWithoutRendering(_ previous: StoredGeneration?) -> RestoreOutcome { restore(previous, replacing: nil) }
}
