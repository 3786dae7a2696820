public import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the peer's address for the request log.
public struct AgentRequestContext: RequestContext {
    /// Hummingbird's storage (logger, endpoint path, parameters).
    public var coreContext: CoreRequestContextStorage
    /// `ip:port` of the client, when known.
    public let remoteAddress: String?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.remoteAddress = source.channel.remoteAddress.map { address in
            address.ipAddress.map { "\($0):\(address.port ?? 0)" } ?? "\(address)"
        }
    }
}
