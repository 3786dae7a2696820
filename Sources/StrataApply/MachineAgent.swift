public import StrataModel
public import StrataPlan

/// One machine's agent as the controller sees it: read its state, apply a configuration, roll back.
///
/// Two implementations: ``HTTPAgent`` (a node agent over HTTP+JSON) and ``EmbeddedAgent`` (a state directory in
/// the repository, for clusters without `agents:`). Both have the same semantics: an apply names the generation
/// it was planned against and is refused with `conflict` when the machine has moved on.
public protocol MachineAgent: Sendable {
    /// The machine's current state (never secret values).
    func state() async throws(AgentCallError) -> AgentState
    /// Applies a configuration if the machine is still at `request.expectedGeneration`; the new state.
    func apply(_ request: ApplyRequest) async throws(AgentCallError) -> AgentState
    /// Makes the kept generation `request.toGeneration` current again, as a new generation, if the machine is still
    /// at `request.expectedGeneration`; the new state.
    func rollback(_ request: RollbackRequest) async throws(AgentCallError) -> AgentState
    /// Records that the machine left its cluster (`POST /v1/release`), if it is still at `request.expectedGeneration`;
    /// the state, which keeps its generation and carries the release. A repeated release answers with the first record.
    func release(_ request: ReleaseRequest) async throws(AgentCallError) -> AgentState
}
