public import Hummingbird
public import StrataModel
import NIOCore

/// A refused or failed request: an HTTP status and the ``AgentErrorBody`` that explains it.
/// It renders itself (Hummingbird's `HTTPResponseError`), so every non-2xx answer has the same shape.
public struct AgentFailure: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// `{"error": {"code", "message", ...}, "state"?}`.
    public var body: AgentErrorBody

    /// Creates a failure.
    public init(_ status: HTTPResponse.Status, _ body: AgentErrorBody) {
        self.status = status
        self.body = body
    }

    public var description: String { "\(body.code): \(body.message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"strata-agent\"" }
        return JSONResponse.make(body.json, status: status, headers: headers)
    }
}

extension AgentFailure {
    /// 401: no token or the wrong one.
    static let unauthorized = AgentFailure(
        .unauthorized, AgentErrorBody(code: .unauthorized, message: "a valid bearer token is required"))

    /// 404: no such route.
    static func notFound(_ message: String) -> AgentFailure {
        AgentFailure(.notFound, AgentErrorBody(code: .notFound, message: message))
    }

    /// 400: the body is not JSON, or not the expected shape.
    static func malformed(_ message: String) -> AgentFailure {
        AgentFailure(.badRequest, AgentErrorBody(code: .malformed, message: message))
    }

    /// 413: the body is over `max_body_bytes`.
    static func tooLarge(limit: Int) -> AgentFailure {
        AgentFailure(.contentTooLarge, AgentErrorBody(code: .tooLarge, message: "the request body is over the limit of \(limit) bytes"))
    }

    /// 421: addressed to another machine.
    static func wrongMachine(requested: String, served: String) -> AgentFailure {
        AgentFailure(
            .misdirectedRequest,
            AgentErrorBody(code: .wrongMachine, message: "this agent serves '\(served)', not '\(requested)'"))
    }

    /// 409: the agent is not at the generation the request was made against.
    static func conflict(expected: Int, current: Int, state: AgentState?) -> AgentFailure {
        AgentFailure(
            .conflict,
            AgentErrorBody(
                code: .conflict, message: "expected generation \(expected), but the agent is at generation \(current)", state: state))
    }

    /// 422: the agent's own checks refused the configuration.
    static func invalidConfiguration(_ diagnostics: [Diagnostic]) -> AgentFailure {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return AgentFailure(
            .unprocessableContent,
            AgentErrorBody(
                code: .invalidConfiguration, message: "the configuration fails the agent's checks: \(errors) error\(errors == 1 ? "" : "s")",
                diagnostics: DiagnosticJSON.document(diagnostics)))
    }

    /// 500: the state directory or another local resource failed.
    static func internalError(_ message: String) -> AgentFailure {
        AgentFailure(.internalServerError, AgentErrorBody(code: .internalError, message: message))
    }
}

/// JSON responses with the right headers.
enum JSONResponse {
    static func make(_ json: JSON, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) -> Response {
        let buffer = ByteBuffer(string: json.rendered() + "\n")
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
