import Logging
import NIOPosix
import StrataModel
import StrataState

/// The only writer of the agent's generations: applies and rollbacks run one at a time (in arrival
/// order), each holding the state directory's lock, and a generation is committed only after the
/// backend has installed it and found it healthy.
///
/// The work itself blocks (files, fsync, the operator's commands), so it runs on a thread pool while
/// the actor keeps the next request waiting.
actor GenerationWriter {
    private enum State {
        /// Nothing is being applied.
        case idle
        /// One operation runs; these wait for it, first come first served.
        case busy(waiting: [CheckedContinuation<Void, Never>])
    }

    private var state: State = .idle
    private let store: StateStore
    private let backends: BackendPipeline
    private let machine: String
    private let version: String
    private let metrics: AgentMetrics
    private let threadPool: NIOThreadPool
    private let logger: Logger

    init(store: StateStore, backends: BackendPipeline, machine: String, version: String, metrics: AgentMetrics, threadPool: NIOThreadPool, logger: Logger) {
        self.store = store
        self.backends = backends
        self.machine = machine
        self.version = version
        self.metrics = metrics
        self.threadPool = threadPool
        self.logger = logger
    }

    /// Applies a checked request as generation current+1; 409 if the agent is not at the expected generation.
    func apply(_ request: ApplyRequest) async throws(AgentFailure) -> AgentState {
        try await operate("apply", .apply(request))
    }

    /// Makes an earlier generation's configuration and secrets current again, as a new generation.
    func rollback(_ request: RollbackRequest) async throws(AgentFailure) -> AgentState {
        try await operate("rollback", .rollback(request))
    }

    /// Records that the machine left its cluster (backends untouched: the current generation keeps being
    /// served); 409 if the agent is not at the expected generation. Runs in turn with applies and rollbacks.
    func release(_ request: ReleaseRequest) async throws(AgentFailure) -> AgentState {
        let (store, machine, version) = (self.store, self.machine, self.version)
        let ran: Result<AgentState, AgentFailure>? = await exclusively {
            do throws(GenerationFailure<Never>) {
                _ = try store.release(request)
            } catch {
                switch error {
                case .conflict(let current):
                    let state = try? store.state(machine: machine, version: version)
                    return .failure(.conflict(expected: request.expectedGeneration, current: current, state: state))
                case .locking(let cause): return .failure(.internalError("the state directory cannot be locked: \(cause)"))
                default: return .failure(.internalError("cannot record the release: \(error)"))
                }
            }
            do { return .success(try store.state(machine: machine, version: version)) } catch { return .failure(.internalError("\(error)")) }
        }
        let result = ran ?? .failure(.internalError("the release was cancelled before it started; nothing changed"))
        logger.log(
            level: (try? result.get()) == nil ? .warning : .info, "release",
            metadata: ["machine": "\(machine)", "cluster": "\(request.cluster)", "generation": "\(request.expectedGeneration)"])
        return try result.get()
    }

    /// After a crash during an apply the backend file may hold a generation that was never committed:
    /// put the current one back before serving.
    func restoreAfterCrash() async {
        let (store, backends, logger) = (self.store, self.backends, self.logger)
        _ = await exclusively {
            do {
                try store.withLock {
                    guard let current = try store.current(), !backends.holds(current) else { return }
                    let number = current.summary.generation
                    logger.warning("the backend does not hold the current generation; restoring it", metadata: ["generation": "\(number)"])
                    let restore = backends.restore(current, onlyWhereDifferent: true)
                    if let failure = restore.failure {
                        logger.error("restoring the current generation failed: \(failure)", metadata: ["generation": "\(number)"])
                    }
                }
            } catch {
                logger.error("cannot check the backend file against the state directory: \(error)")
            }
        }
    }

    /// What the backends observe of the running configuration (drift, queue), between operations.
    func observe() async -> BackendReport? {
        let (store, backends) = (self.store, self.backends)
        let report = await exclusively { backends.report(current: try? store.current()) }
        return report.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs one apply or rollback through the generation protocol (lock, expected-generation check,
    /// backend, commit) on the thread pool; logs and counts it.
    private func operate(_ operation: String, _ change: GenerationChange) async throws(AgentFailure) -> AgentState {
        let start = ContinuousClock.now
        let (store, backends, machine, version) = (self.store, self.backends, self.machine, self.version)
        let ran: Result<AgentState, AgentFailure>? = await exclusively {
            Self.install(change, store: store, backends: backends, machine: machine, version: version)
        }
        let result = ran ?? .failure(.internalError("the \(operation) was cancelled before it started; nothing changed"))
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outcome: AgentErrorCode?
        let generation: Int
        switch result {
        case .success(let state):
            outcome = nil
            generation = state.generation
        case .failure(let failure):
            outcome = failure.body.code
            generation = failure.body.state?.generation ?? change.expectedGeneration
        }
        await metrics.recordOperation(operation, outcome: outcome, seconds: seconds)
        logger.log(
            level: outcome == nil ? .info : .warning, "\(operation)",
            metadata: [
                "machine": "\(machine)", "generation": "\(generation)", "outcome": "\(outcome?.rawValue ?? "success")",
                "duration_ms": "\(Int(seconds * 1000))",
            ])
        return try result.get()
    }

    /// The blocking part of an operation (runs on the thread pool): the generation protocol, then the state.
    private static func install(
        _ change: GenerationChange, store: StateStore, backends: BackendPipeline, machine: String, version: String
    ) -> Result<AgentState, AgentFailure> {
        let warnings: [BackendWarning]
        do {
            (_, warnings) = try store.advance(change, installer: BackendInstaller(backends: backends))
        } catch {
            return .failure(failure(error, change: change, keep: store.keep, state: { try? store.state(machine: machine, version: version) }))
        }
        do {
            var state = try store.state(machine: machine, version: version)
            if !warnings.isEmpty { state.backend = BackendReport(warnings: warnings) }
            return .success(state)
        } catch {
            return .failure(.internalError(error.description))
        }
    }

    /// The protocol's refusal in the agent's words; `state` is read only for the answers that carry it.
    private static func failure(
        _ error: GenerationFailure<BackendInstaller.Refusal>, change: GenerationChange, keep: Int, state: () -> AgentState?
    ) -> AgentFailure {
        let target = if case .rollback(let request) = change { request.toGeneration } else { 0 }
        switch error {
        case .locking(let cause): return .internalError("the state directory cannot be locked: \(cause)")
        case .store(let cause): return .internalError(cause.description)
        case .conflict(let current): return .conflict(expected: change.expectedGeneration, current: current, state: state())
        case .notEarlier(let current):
            return .malformed("generation \(target) is not earlier than the current generation \(current)")
        case .notKept: return .notFound("generation \(target) is no longer kept; the agent keeps the last \(keep)")
        case .install(let refusal): return .backend(refusal.failure, restore: refusal.restore, state: state())
        case .unrecorded(let cause, let undo):
            return .internalError("cannot record generation \(change.expectedGeneration + 1): \(cause); \(undo)")
        }
    }

    /// Waits for its turn, runs `body` on the thread pool, and lets the next one in; nil when the
    /// pool did not run it (the task was cancelled before its turn came).
    private func exclusively<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T? {
        await acquire()
        defer { release() }
        return try? await threadPool.runIfActive(body)
    }

    private func acquire() async {
        guard case .busy = state else {
            state = .busy(waiting: [])
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if case .busy(let waiting) = state { state = .busy(waiting: waiting + [continuation]) }
        }
    }

    private func release() {
        guard case .busy(var waiting) = state, !waiting.isEmpty else {
            state = .idle
            return
        }
        let next = waiting.removeFirst()
        state = .busy(waiting: waiting)
        next.resume()
    }
}
