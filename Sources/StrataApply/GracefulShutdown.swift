public import Logging
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command's long work (a rollout, the reconcile loop) as the one service of a `ServiceGroup` that turns
/// SIGTERM and SIGINT into a graceful shutdown. The work sees `Task.isShuttingDownGracefully` (a rollout stops
/// between machines, never inside one) and its waits end at once (``GracefulShutdown/pause(seconds:)``). A second
/// signal ends the process the default way.
public enum GracefulShutdown {
    /// The result of `work`, run with SIGTERM and SIGINT turned into a graceful shutdown request.
    public static func run<T: Sendable>(logger: Logger, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        let service = WorkService {
            do { outcome.store(.success(try await work())) } catch { outcome.store(.failure(error)) }
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        guard let result = outcome.load() else { throw CancellationError() }
        return try result.get()
    }

    /// Whether a stop was asked for (always false outside ``run(logger:_:)``).
    public static var isRequested: Bool { Task.isShuttingDownGracefully }

    /// Waits `seconds`, or less when a stop is asked for meanwhile; true when the whole wait passed.
    public static func pause(seconds: Int) async -> Bool {
        if isRequested { return false }
        let slept: Bool = await cancelWhenGracefulShutdown {
            (try? await Task.sleep(for: .seconds(seconds))) != nil
        }
        return slept && !isRequested
    }
}

/// The work's result, handed from the service back to the caller of ``GracefulShutdown/run(logger:_:)``.
private final class Outcome<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, any Error>?>(nil)

    func store(_ result: Result<T, any Error>) { value.withLock { $0 = result } }
    func load() -> Result<T, any Error>? { value.withLock { $0 } }
}

private struct WorkService: Service {
    let work: @Sendable () async -> Void

    func run() async throws {
        await withGracefulShutdownHandler {
            await work()
        } onGracefulShutdown: {
            // The group ignores further signals; put the default back so a second one ends the process, as before.
            _ = signal(SIGTERM, SIG_DFL)
            _ = signal(SIGINT, SIG_DFL)
        }
    }
}
