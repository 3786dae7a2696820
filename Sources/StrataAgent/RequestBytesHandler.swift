import NIOCore

/// Sits before the HTTP decoder and tells ``ConnectionDeadlineHandler`` that request bytes arrived,
/// which the decoder keeps to itself until a whole head is there: the header timeout starts at the
/// first byte of a request, the idle timeout covers a connection that sent nothing.
final class RequestBytesHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The user event fired ahead of every read.
    struct BytesArrived: Sendable {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(BytesArrived())
        context.fireChannelRead(data)
    }
}
