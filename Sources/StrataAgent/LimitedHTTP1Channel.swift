import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with the agent's connection limits: every accepted
/// connection is counted (``ConnectionRegistry``), and its pipeline gets ``RequestBytesHandler``
/// in front of the HTTP decoder and ``ConnectionDeadlineHandler`` behind it.
struct LimitedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    private let base: HTTP1Channel
    private let registry: ConnectionRegistry

    init(responder: @escaping HTTPChannelHandler.Responder, limits: AgentLimits, registry: ConnectionRegistry) {
        self.registry = registry
        base = HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [ConnectionDeadlineHandler(limits: limits, registry: registry)]))
    }

    /// A server builder for `Application`, plain or wrapped in TLS by the caller.
    static func builder(limits: AgentLimits, registry: ConnectionRegistry) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in LimitedHTTP1Channel(responder: responder, limits: limits, registry: registry) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // A refused connection is still set up and then closed by the registry: failing the setup
        // would surface as an error in the server's accept loop.
        registry.admit(channel)
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestBytesHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
