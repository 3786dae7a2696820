#if canImport(Glibc)
import Glibc
#endif

/// One Postfix instance, driven through its own commands with `-c config_directory`: status, start,
/// stop, reload, and the read-only tools (postconf, postmap, postqueue). Blocking; run on a thread pool.
struct PostfixInstance: Sendable {
    let settings: PostfixBackendSettings
    let runner: CommandRunner

    /// Whether the instance's master runs (`postfix status` exits 0).
    func isRunning() -> Bool {
        runner.run(["postfix", "-c", settings.configDirectory, "status"], terminal: true).succeeded
    }

    /// `postfix start`, then waits until `postfix status` says it runs.
    func start() -> CommandOutcome {
        let outcome = runner.run(["postfix", "-c", settings.configDirectory, "start"], terminal: true)
        guard outcome.succeeded else { return outcome }
        _ = waitUntil(running: true)
        return outcome
    }

    /// `postfix stop` when it runs, then waits until it no longer does; true when it is stopped.
    @discardableResult
    func stop() -> Bool {
        guard isRunning() else { return true }
        _ = runner.run(["postfix", "-c", settings.configDirectory, "stop"], terminal: true)
        return waitUntil(running: false)
    }

    /// `postfix reload`.
    func reload() -> CommandOutcome {
        runner.run(["postfix", "-c", settings.configDirectory, "reload"], terminal: true)
    }

    /// `postfix -c DIR check`, its messages captured through a pseudo-terminal (postfix(1) writes them
    /// only to a terminal).
    func check(directory: String) -> CommandOutcome {
        runner.run(["postfix", "-c", directory, "check"], terminal: true)
    }

    /// `postconf -c DIR ARGS...`.
    func postconf(directory: String, _ arguments: [String]) -> CommandOutcome {
        runner.run(["postconf", "-c", directory] + arguments)
    }

    /// The values main.cf in `directory` gives `names` (`postconf -h`), in order; nil when postconf fails.
    func parameters(directory: String, _ names: [String]) -> [String]? {
        let outcome = postconf(directory: directory, ["-h"] + names)
        guard outcome.succeeded else { return nil }
        let lines = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return Array(lines.prefix(names.count).map(String.init))
    }

    /// Polls `postfix status` until it matches, bounded by the backend's timeout.
    private func waitUntil(running: Bool) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(settings.timeoutSeconds))
        while ContinuousClock.now < deadline {
            if isRunning() == running { return true }
            usleep(50_000)
        }
        return false
    }
}
