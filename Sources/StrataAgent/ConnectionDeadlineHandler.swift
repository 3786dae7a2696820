import HTTPTypes
import NIOCore
// Reached through HummingbirdCore's dependencies (its channel pipeline speaks these parts).
import NIOHTTPTypes

/// Enforces agent.yaml's `limits` on one connection, after the HTTP decoder:
/// - nothing of a request has arrived: closed after `idle_timeout` (since it opened or its last answer);
/// - a request's first bytes arrived: its head must be complete within `header_timeout`;
/// - the head arrived: its body must be complete within `body_timeout`;
/// - the body arrived and the answer is being prepared (an apply may take minutes): no deadline.
/// An answer carrying `Connection: close` (every refusal) closes the connection once written, so
/// the rest of a refused body is never read and the client is not left waiting.
final class ConnectionDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: AgentLimits
    private let registry: ConnectionRegistry
    /// Since when the current phase runs (opened/answered, first byte, head).
    private var phaseStart = NIODeadline.now()
    private var bytesSeen = false
    private var requestOpen = false
    private var answerPending = false
    private var closeAfterAnswer = false
    private var timer: Scheduled<Void>?

    init(limits: AgentLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) { reschedule(context) }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RequestBytesHandler.BytesArrived {
            if !bytesSeen, !requestOpen, !answerPending {
                bytesSeen = true
                phaseStart = .now()
                reschedule(context)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestOpen = true
            answerPending = true
            bytesSeen = false
            phaseStart = .now()
            registry.markBusy(context.channel)
            reschedule(context)
        case .body: break
        case .end:
            requestOpen = false
            if !answerPending { becameIdle(context) }
            reschedule(context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterAnswer = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            answerPending = false
            guard !closeAfterAnswer else {
                let written = context.writeAndFlush(data)
                written.cascade(to: promise)
                written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                return
            }
            context.write(data, promise: promise)
            if !requestOpen { becameIdle(context) }
            reschedule(context)
        }
    }

    /// No request in progress: the idle timeout runs again and a newcomer may take this connection's place.
    private func becameIdle(_ context: ChannelHandlerContext) {
        phaseStart = .now()
        registry.markEvictable(context.channel)
    }

    /// The deadline of the current phase, or none while the agent prepares an answer.
    private func reschedule(_ context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let seconds: Int
        if requestOpen {
            seconds = limits.bodyTimeoutSeconds
        } else if answerPending {
            return
        } else {
            seconds = bytesSeen ? limits.headerTimeoutSeconds : limits.idleTimeoutSeconds
        }
        let deadline = phaseStart + .seconds(Int64(seconds))
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.timer = nil
            context.close(promise: nil)
        }
    }
}
