import StrataPostfix
import StrataState

/// Puts a previous generation back on the instance: its files re-rendered into its directory, the
/// link switched, the instance stopped and started (a reload of a throttled master takes up to a
/// minute; stop+start under a second), and its health checked. Before the first generation: the
/// instance stopped and `config_directory` as it was.
struct PostfixRestore: Sendable {
    let backend: PostfixBackend

    func restore(_ previous: StoredGeneration?) -> RestoreOutcome {
        guard let previous else {
            backend.instance.stop()
            do { try backend.generations.switchToNothing() } catch {
                return RestoreOutcome(generation: 0, failure: "\(error)")
            }
            return RestoreOutcome(generation: 0, detail: "the Postfix instance was stopped")
        }
        let number = previous.summary.generation
        let offset = backend.log.end()
        let files: PostfixRendering
        do { files = try backend.renderFiles(previous) } catch { return RestoreOutcome(generation: number, failure: error.message) }
        do {
            try backend.generations.write(files.files.map { ($0.path, $0.content, $0.mode) }, generation: number)
            try backend.generations.switchTo(number)
        } catch {
            return RestoreOutcome(generation: number, failure: "\(error)")
        }
        backend.instance.stop()
        let start = backend.instance.start()
        guard start.succeeded else { return RestoreOutcome(generation: number, failure: "postfix start \(start.summary): \(start.tail())") }
        let health = PostfixHealth(instance: backend.instance, log: backend.log, timeoutSeconds: backend.settings.timeoutSeconds)
        if let problem = health.problem(listeners: files.listeners, since: offset) {
            return RestoreOutcome(generation: number, failure: "\(problem); log: \(backend.log.tail(since: offset, lines: 5))")
        }
        return RestoreOutcome(generation: number, detail: "the instance was stopped and started on it and serves mail (every listener answers)")
    }
}
