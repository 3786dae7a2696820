import Hummingbird
import NIOCore
import StrataModel
import StrataState

/// The `/v1` API and `/metrics` (Docs/agent-api.md): the handlers turn requests into calls on the
/// state store and the ``GenerationWriter``, and refusals into ``AgentFailure``s.
struct AgentRoutes: Sendable {
    let configuration: AgentConfiguration
    let store: StateStore
    let writer: GenerationWriter
    let metrics: AgentMetrics
    let token: String

    /// Registers every route; all but health and metrics need the bearer token.
    func register(on router: Router<AgentRequestContext>) {
        router.get(RouterPath(AgentAPI.healthPath)) { _, _ in try health() }
        router.get(RouterPath(AgentAPI.metricsPath)) { _, _ in await metricsText() }
        let protected = router.group().add(middleware: BearerTokenMiddleware(token: token))
        protected.get(RouterPath(AgentAPI.statePath)) { _, _ in try await state() }
        protected.post(RouterPath(AgentAPI.applyPath)) { request, _ in try await apply(request) }
        protected.post(RouterPath(AgentAPI.rollbackPath)) { request, _ in try await rollback(request) }
        protected.post(RouterPath(AgentAPI.releasePath)) { request, _ in try await release(request) }
    }

    private func health() throws -> Response {
        let generation = try? store.currentNumber()
        let json = JSON.object([
            ("status", .string(generation == nil ? "degraded" : "ok")), ("machine", .string(configuration.machine)),
            ("version", .string(configuration.version)), ("generation", generation.map(JSON.int) ?? .null),
        ])
        return JSONResponse.make(json, status: generation == nil ? .serviceUnavailable : .ok)
    }

    private func metricsText() async -> Response {
        let text = await metrics.render(
            machine: configuration.machine, version: configuration.version, generation: try? store.currentNumber())
            + (await writer.observe()?.metricsText ?? "")
        let buffer = ByteBuffer(string: text)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// The state, with what the backends observe now (drift, queue).
    private func state() async throws(AgentFailure) -> Response {
        var state: AgentState
        do {
            state = try store.state(machine: configuration.machine, version: configuration.version)
        } catch {
            throw .internalError("cannot read the state directory: \(error)")
        }
        state.backend = await writer.observe()
        return JSONResponse.make(state.json)
    }

    private func apply(_ request: Request) async throws -> Response {
        let bytes = try await body(of: request)
        let apply: ApplyRequest
        do { apply = try ApplyRequest(body: bytes) } catch { throw AgentFailure.malformed(error.message) }
        _ = try RequestChecks.check(apply, machine: configuration.machine)
        return JSONResponse.make(try await writer.apply(apply).json)
    }

    private func rollback(_ request: Request) async throws -> Response {
        let bytes = try await body(of: request)
        let rollback: RollbackRequest
        do { rollback = try RollbackRequest(body: bytes) } catch { throw AgentFailure.malformed(error.message) }
        try RequestChecks.check(rollback, machine: configuration.machine)
        return JSONResponse.make(try await writer.rollback(rollback).json)
    }

    private func release(_ request: Request) async throws -> Response {
        let bytes = try await body(of: request)
        let release: ReleaseRequest
        do { release = try ReleaseRequest(body: bytes) } catch { throw AgentFailure.malformed(error.message) }
        try RequestChecks.check(release, machine: configuration.machine)
        return JSONResponse.make(try await writer.release(release).json)
    }

    /// The body's bytes: 413 over the limit (announced or actual). Decoding is the wire types' own
    /// (``ApplyRequest/init(body:)``), the same code a fuzz target calls.
    private func body(of request: Request) async throws -> [UInt8] {
        let limit = configuration.maxBodyBytes
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > limit {
            throw AgentFailure.tooLarge(limit: limit)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw AgentFailure.tooLarge(limit: limit)
        }
        return Array(buffer.readableBytesView)
    }
}
