#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Stops the listening socket from spinning when accepting fails for lack of descriptors.
///
/// After a failed `accept` NIO keeps the socket registered for reading (its own
/// `AcceptBackoffHandler` is never asked to read again), so with the file limit reached the event
/// loop retried about 3,000 times a second and burnt a core. This handler, first in the server
/// channel's pipeline, turns reading off for a second on EMFILE, ENFILE, ENOBUFS or ENOMEM.
final class AcceptPauseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    static let pause = TimeAmount.seconds(1)
    private var paused = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode), !paused,
           let options = context.channel.syncOptions {
            paused = true
            try? options.setOption(.autoRead, value: false)
            context.eventLoop.assumeIsolated().scheduleTask(in: Self.pause) { [weak self] in
                self?.paused = false
                try? context.channel.syncOptions?.setOption(.autoRead, value: true)
            }
        }
        context.fireErrorCaught(error)
    }
}
