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
        let secrets = request.secrets
        let digests = secrets.mapValues(StoredGeneration.digest)
        let configHash = StoredGeneration.configHash(configuration: request.configuration, secretDigests: digests)
        return try await operate("apply", expected: request.expectedGeneration) { current in
            let summary = GenerationSummary(
                generation: (current?.summary.generation ?? 0) + 1, configHash: configHash, appliedCommit: request.commit,
                appliedAt: UTCTimestamp.now(), appliedBy: request.appliedBy)
            return StoredGeneration(summary: summary, configuration: request.configuration, secrets: secrets)
        }
    }

    /// Makes an earlier generation's configuration and secrets current again, as a new generation.
    func rollback(_ request: RollbackRequest) async throws(AgentFailure) -> AgentState {
        let store = self.store
        return try await operate("rollback", expected: request.expectedGeneration) { current throws(AgentFailure) in
            let currentNumber = current?.summary.generation ?? 0
            guard request.toGeneration < currentNumber else {
                throw .malformed("generation \(request.toGeneration) is not earlier than the current generation \(currentNumber)")
            }
            let target: StoredGeneration?
            do { target = try store.load(request.toGeneration) } catch { throw .internalError("\(error)") }
            guard let target else {
                throw .notFound("generation \(request.toGeneration) is no longer kept; the agent keeps the last \(store.keep)")
            }
            let summary = GenerationSummary(
                generation: currentNumber + 1,
                configHash: StoredGeneration.configHash(configuration: target.configuration, secretDigests: target.secretDigests),
                appliedCommit: target.summary.appliedCommit, appliedAt: UTCTimestamp.now(), appliedBy: request.appliedBy,
                restoredFrom: request.toGeneration)
            return StoredGeneration(summary: summary, configuration: target.configuration, secrets: target.secrets)
        }
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

    /// Runs one apply or rollback: lock, expected-generation check, backend, commit; logs and counts it.
    private func operate(
        _ operation: String, expected: Int, prepare: @escaping @Sendable (StoredGeneration?) throws(AgentFailure) -> StoredGeneration
    ) async throws(AgentFailure) -> AgentState {
        let start = ContinuousClock.now
        let (store, backends, machine, version) = (self.store, self.backends, self.machine, self.version)
        let ran: Result<AgentState, AgentFailure>? = await exclusively {
            do {
                return try store.withLock { () -> Result<AgentState, AgentFailure> in
                    Self.install(store: store, backends: backends, machine: machine, version: version, expected: expected, prepare: prepare)
                }
            } catch {
                return .failure(.internalError("the state directory cannot be locked: \(error)"))
            }
        }
        let result = ran ?? .failure(.internalError("the \(operation) was cancelled before it started; nothing changed"))
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let outcome: String
        let generation: Int
        switch result {
        case .success(let state):
            outcome = "success"
            generation = state.generation
        case .failure(let failure):
            outcome = failure.body.code
            generation = failure.body.state?.generation ?? expected
        }
        await metrics.recordOperation(operation, outcome: outcome, seconds: seconds)
        logger.log(
            level: outcome == "success" ? .info : .warning, "\(operation)",
            metadata: [
                "machine": "\(machine)", "generation": "\(generation)", "outcome": "\(outcome)",
                "duration_ms": "\(Int(seconds * 1000))",
            ])
        return try result.get()
    }

    /// The locked part of an operation (blocking; runs on the thread pool).
    private static func install(
        store: StateStore, backends: BackendPipeline, machine: String, version: String, expected: Int,
        prepare: (StoredGeneration?) throws(AgentFailure) -> StoredGeneration
    ) -> Result<AgentState, AgentFailure> {
        do throws(AgentFailure) {
            let current: StoredGeneration?
            do { current = try store.current() } catch { throw .internalError(error.description) }
            let currentNumber = current?.summary.generation ?? 0
            guard currentNumber == expected else {
                throw .conflict(expected: expected, current: currentNumber, state: try? store.state(machine: machine, version: version))
            }
            let generation = try prepare(current)
            let warnings: [BackendWarning]
            switch backends.install(generation, previous: current) {
            case .installed(let found): warnings = found
            case .failed(let failure, let restore):
                throw AgentFailure.backend(failure, restore: restore, state: try? store.state(machine: machine, version: version))
            }
            do {
                try store.commit(generation)
            } catch {
                // The backend runs the new generation but the state directory does not record it: undo.
                let restore = backends.restore(current, onlyWhereDifferent: false)
                throw .internalError("cannot record generation \(generation.summary.generation): \(error); \(restore.summary)")
            }
            do {
                var state = try store.state(machine: machine, version: version)
                if !warnings.isEmpty { state.backend = BackendReport(warnings: warnings) }
                return .success(state)
            } catch {
                throw .internalError(error.description)
            }
        } catch {
            return .failure(error)
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
