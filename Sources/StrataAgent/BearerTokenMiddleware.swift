import Hummingbird
import StrataState

/// Refuses a request without `Authorization: Bearer <token>` or with the wrong token (401).
///
/// Tokens are compared by their SHA-256 digests in constant time, so neither the time taken nor the
/// length of a wrong guess tells anything about the token.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = AgentRequestContext

    private let tokenDigest: [UInt8]

    init(token: String) { tokenDigest = Array(Digest.sha256(token).utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw AgentFailure.unauthorized
        }
        let presented = Array(Digest.sha256(String(header.dropFirst(7))).utf8)
        guard Self.constantTimeEqual(presented, tokenDigest) else { throw AgentFailure.unauthorized }
        return try await next(request, context)
    }

    /// Equal lengths are guaranteed (hex SHA-256); every byte is compared whatever the first difference.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
