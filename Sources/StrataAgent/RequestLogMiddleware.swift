import Hummingbird
import Logging
import StrataModel

/// The outermost middleware: turns every error into the agent's JSON error body, counts the request
/// for `/metrics`, and logs one line per request (never headers or bodies: they carry the token and secrets).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AgentRequestContext

    let metrics: AgentMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let failure as AgentFailure {
            response = try failure.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try Self.failure(for: error, request: request).response(from: request, context: context)
        } catch {
            logger.error("request failed: \(String(describing: type(of: error)))")
            response = try AgentFailure.internalError("the agent failed to answer").response(from: request, context: context)
        }
        // A refusal may come before the body was read (401, 413, 404): the connection is closed after
        // the answer instead of reading the rest, so the client is told and nobody waits.
        if response.status.code >= 400 { response.headers[.connection] = "close" }
        let elapsed = ContinuousClock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        // Hummingbird names the not-found responder's path "NotFound"; only the agent's own routes are labels.
        let route = context.endpointPath.flatMap { Self.routes.contains($0) ? $0 : nil } ?? "unmatched"
        await metrics.recordRequest(route: route, method: request.method.rawValue, status: response.status.code)
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "duration_ms": "\(milliseconds)", "remote": "\(context.remoteAddress ?? "-")",
            ])
        return response
    }

    /// The route patterns used as `/metrics` labels; every other path is `unmatched`.
    static let routes: Set<String> = [
        AgentAPI.healthPath, AgentAPI.metricsPath, AgentAPI.statePath, AgentAPI.applyPath, AgentAPI.rollbackPath,
    ]

    /// Hummingbird's own errors (no route, body over a limit) in the agent's shape.
    private static func failure(for error: any HTTPResponseError, request: Request) -> AgentFailure {
        switch error.status {
        case .notFound: .notFound("no route \(request.method.rawValue) \(request.uri.path)")
        case .contentTooLarge: AgentFailure(.contentTooLarge, .init(code: .tooLarge, message: "the request body is too large"))
        case .badRequest: .malformed("the request is malformed")
        default: AgentFailure(error.status, .init(code: .internalError, message: error.status.reasonPhrase))
        }
    }
}
