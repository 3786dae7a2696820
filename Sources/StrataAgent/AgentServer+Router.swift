package import Hummingbird
package import Logging
import NIOPosix
import StrataState

extension AgentServer {
    /// The `/v1` API over the state directory and the backends, ready to serve: the store opened, the
    /// backend put back to the current generation if a crash left it elsewhere, the request log added.
    /// ``run()`` serves it on the configured address; tests drive it in-process.
    package func makeRouter(token: String, logger: Logger) async throws(AgentError) -> Router<AgentRequestContext> {
        let configuration = self.configuration
        let store: StateStore
        do {
            store = try StateStore(directory: configuration.stateDirectory, keep: configuration.keepGenerations)
        } catch {
            throw AgentError(code: .state, message: "cannot open the state directory '\(configuration.stateDirectory)'", cause: error.description)
        }
        let metrics = AgentMetrics(startSeconds: Int(Timestamp.secondsNow()))
        let backends = BackendPipeline.make(configuration)
        let writer = GenerationWriter(
            store: store, backends: backends, machine: configuration.machine, version: configuration.version, metrics: metrics,
            threadPool: NIOThreadPool.singleton, logger: logger)
        await writer.restoreAfterCrash()

        let router = Router(context: AgentRequestContext.self)
        router.middlewares.add(RequestLogMiddleware(metrics: metrics, logger: logger))
        AgentRoutes(configuration: configuration, store: store, writer: writer, metrics: metrics, token: token).register(on: router)
        return router
    }
}
