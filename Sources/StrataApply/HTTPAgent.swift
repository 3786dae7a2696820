#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import StrataModel
import StrataPlan

/// A node agent reached over HTTP(S): `GET /v1/state`, `POST /v1/apply`, `POST /v1/rollback`, with the bearer token and per-request
/// timeouts. Answers other than 200 become ``AgentCallError``s carrying the agent's own code and words.
struct HTTPAgent: MachineAgent {
    /// Largest answer read from an agent, 32 MiB (a state holds one configuration and its history's summaries;
    /// an agent accepts 4 MiB requests by default). A longer answer is refused as `bad-response` without reading on.
    static let maxResponseBytes = 32 << 20

    let client: HTTPClient
    /// `https://newyork.example.com:7443`, without a trailing slash.
    let baseURL: String
    /// The URL as configured, for messages (differs from `baseURL` when TLS verifies the machine name).
    let displayURL: String
    let machine: MachineName
    let token: String?
    let options: ConnectionOptions
    let logger: Logger

    func state() async throws(AgentCallError) -> AgentState {
        let (status, body) = try await send(post: false, AgentAPI.statePath, body: nil, timeout: options.readTimeout)
        guard status == 200 else { throw failure(status: status, body: body) }
        let state = try decodeState(body)
        guard state.machine == machine.rawValue else {
            throw AgentCallError(.wrongMachine, "the agent at \(displayURL) serves \(state.machine), not \(machine)")
        }
        return state
    }

    func apply(_ request: ApplyRequest) async throws(AgentCallError) -> AgentState {
        let bytes = Array(request.json.rendered(pretty: false).utf8)
        let (status, body) = try await send(post: true, AgentAPI.applyPath, body: bytes, timeout: options.applyTimeout)
        guard status == 200 else { throw failure(status: status, body: body) }
        return try decodeState(body)
    }

    func rollback(_ request: RollbackRequest) async throws(AgentCallError) -> AgentState {
        let bytes = Array(request.json.rendered(pretty: false).utf8)
        let (status, body) = try await send(post: true, AgentAPI.rollbackPath, body: bytes, timeout: options.applyTimeout)
        guard status == 200 else { throw failure(status: status, body: body) }
        return try decodeState(body)
    }

    func release(_ request: ReleaseRequest) async throws(AgentCallError) -> AgentState {
        let bytes = Array(request.json.rendered(pretty: false).utf8)
        let (status, body) = try await send(post: true, AgentAPI.releasePath, body: bytes, timeout: options.applyTimeout)
        guard status == 200 else { throw failure(status: status, body: body) }
        return try decodeState(body)
    }

    private func send(post: Bool, _ path: String, body: [UInt8]?, timeout: Int) async throws(AgentCallError) -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = post ? .POST : .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "strata")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            return try await Self.bounded(by: .seconds(timeout)) { [client, logger, request] in
                let response = try await client.execute(request, timeout: .seconds(Int64(timeout)), logger: logger)
                var buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
                return (Int(response.status.code), buffer.readBytes(length: buffer.readableBytes) ?? [])
            }
        } catch {
            throw classify(error, timeout: timeout)
        }
    }

    /// Runs `exchange` and gives up after `limit`: AsyncHTTPClient's own deadline ends when the answer's head
    /// arrives, so an agent trickling its body would otherwise hold the controller for as long as it likes.
    /// Cancelling the exchange closes its connection.
    private static func bounded(
        by limit: Duration, _ exchange: @escaping @Sendable () async throws -> (Int, [UInt8])
    ) async throws -> (Int, [UInt8]) {
        try await withThrowingTaskGroup(of: (Int, [UInt8])?.self) { group in
            group.addTask { try await exchange() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else { throw HTTPClientError.deadlineExceeded }
            return answer
        }
    }

    private func decodeState(_ body: [UInt8]) throws(AgentCallError) -> AgentState {
        do {
            return try AgentState(json: try JSONParser.parse(body))
        } catch {
            throw AgentCallError(.badResponse, "the agent at \(displayURL) answered with a state that cannot be read", cause: "\(error)")
        }
    }

    /// The agent's error body turned into an error; its code wins over the status when it has a controller code.
    private func failure(status: Int, body: [UInt8]) -> AgentCallError {
        let parsed = (try? JSONParser.parse(body)).flatMap(AgentErrorBody.init(json:))
        let byStatus: AgentCallError.Code =
            switch status {
            case 400: .malformed
            case 401: .unauthorized
            case 404: .notFound
            case 409: .conflict
            case 413: .tooLarge
            case 421: .wrongMachine
            case 422: .invalidConfiguration
            default: .badResponse
            }
        let code = parsed.flatMap { AgentCallError.Code(agent: $0.code) } ?? byStatus
        let message = parsed.map { "the agent at \(displayURL) answered \(status) \($0.code): \($0.message)" }
            ?? "the agent at \(displayURL) answered HTTP \(status)"
        return AgentCallError(
            code, message, outputTail: parsed?.outputTail, diagnostics: parsed?.diagnostics, state: parsed?.state)
    }

    /// Sorts a transport failure into: never connected (unreachable, TLS) or sent with an unknown outcome.
    private func classify(_ error: any Error, timeout: Int) -> AgentCallError {
        let cause = String(describing: error)
        if let http = error as? HTTPClientError {
            if http == .connectTimeout { return AgentCallError(.unreachable, "cannot connect to the agent at \(displayURL): timed out", cause: cause) }
            if http == .tlsHandshakeTimeout { return AgentCallError(.tls, "the TLS handshake with \(displayURL) timed out", cause: cause) }
            if http == .deadlineExceeded || http == .readTimeout {
                return AgentCallError(.timeout, "the agent at \(displayURL) did not answer within \(timeout)s", cause: cause)
            }
        }
        if error is NIOTooManyBytesError {
            return AgentCallError(
                .badResponse, "the agent at \(displayURL) answered more than \(Self.maxResponseBytes >> 20) MiB; the answer was not read",
                cause: cause)
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return AgentCallError(.tls, "the TLS handshake with the agent at \(displayURL) failed", cause: cause)
        }
        if error is NIOConnectionError || error is SocketAddressError {
            return AgentCallError(.unreachable, "cannot connect to the agent at \(displayURL)", cause: cause)
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return AgentCallError(.unreachable, "cannot connect to the agent at \(displayURL): timed out", cause: cause)
        }
        if let io = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(io.errnoCode) {
            return AgentCallError(.unreachable, "cannot connect to the agent at \(displayURL)", cause: cause)
        }
        return AgentCallError(.transport, "the exchange with the agent at \(displayURL) failed", cause: cause)
    }
}
