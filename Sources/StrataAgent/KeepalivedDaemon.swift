#if canImport(Glibc)
import Glibc
#endif
import StrataState

/// One keepalived daemon, known by its own pid files (so several run side by side, one per namespace):
/// start (VRRP only, through the backend's runner and so inside its namespace), reload (SIGHUP), stop
/// (SIGTERM, then wait until it is gone). Blocking; run on a thread pool.
struct KeepalivedDaemon: Sendable {
    let settings: KeepalivedBackendSettings
    let runner: CommandRunner

    /// The parent process, when its pid file names a live keepalived.
    func pid() -> pid_t? { Self.livePid(settings.pidFile) }

    /// Whether the parent and its VRRP child both run.
    func isRunning() -> Bool { pid() != nil && Self.livePid(settings.vrrpPidFile) != nil }

    /// Starts the daemon on `configFile` and waits until its VRRP child runs. The state file is removed
    /// first, so the state read afterwards is this daemon's.
    func start() -> CommandOutcome {
        // keepalived refuses to start ("already running") while either pid file names a live process: a daemon
        // half gone (killed and still exiting, or its parent alive without its VRRP child) is stopped first, and
        // waited for, bounded by the backend's timeout. Nothing is left when the daemon simply is not running.
        let leftovers = [pid(), Self.livePid(settings.vrrpPidFile)].compactMap { $0 }
        for leftover in leftovers { _ = kill(leftover, SIGTERM) }
        if !leftovers.isEmpty { _ = wait(until: { pid() == nil && Self.livePid(settings.vrrpPidFile) == nil }) }
        try? AtomicFile.remove(settings.stateFile)
        let outcome = runner.run([
            settings.program, "--vrrp", "--log-detail", "--use-file", settings.configFile, "--pid", settings.pidFile,
            "--vrrp_pid", settings.vrrpPidFile,
        ])
        guard outcome.succeeded else { return outcome }
        var waited = outcome
        if !wait(until: { isRunning() }) { waited.failure = "keepalived did not start within \(settings.timeoutSeconds)s" }
        return waited
    }

    /// SIGHUP: keepalived rereads its file and keeps the instance's state.
    func reload() -> Bool {
        guard let pid = pid() else { return false }
        return kill(pid, SIGHUP) == 0
    }

    /// SIGTERM and wait until the parent is gone (it releases the virtual addresses first); true when stopped.
    @discardableResult
    func stop() -> Bool {
        guard let pid = pid() else { return true }
        _ = kill(pid, SIGTERM)
        return wait(until: { Self.livePid(settings.pidFile) == nil || kill(pid, 0) != 0 })
    }

    /// Creates the directories of the file, the pid files and the state file (existing ones are left alone).
    func prepareDirectories() throws(AgentError) {
        for file in [settings.configFile, settings.pidFile, settings.vrrpPidFile, settings.stateFile] {
            try Self.make(AtomicFile.parent(of: file))
        }
    }

    private static func make(_ path: String) throws(AgentError) {
        var info = stat()
        if path.isEmpty || stat(path, &info) == 0 { return }
        try make(AtomicFile.parent(of: path))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw AgentError(code: .io, message: "cannot create '\(path)'", cause: String(cString: strerror(errno)))
        }
    }

    /// The instance's state as its notify commands last wrote it; nil before the first.
    func state() -> String? {
        guard let bytes = try? AtomicFile.read(settings.stateFile, limit: 64) else { return nil }
        let word = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        return ["MASTER", "BACKUP", "FAULT", "STOP"].contains(word) ? word : nil
    }

    /// Polls `condition` every 50 ms, bounded by the backend's timeout.
    func wait(until condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(settings.timeoutSeconds))
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// The pid a pid file names, when that process is alive and is keepalived (a stale file may name a reused pid).
    static func livePid(_ file: String) -> pid_t? {
        guard let bytes = try? AtomicFile.read(file, limit: 64),
              let pid = pid_t(String(decoding: bytes, as: UTF8.self).trimmingWhitespace()), pid > 0, kill(pid, 0) == 0,
              let comm = try? AtomicFile.read("/proc/\(pid)/comm", limit: 64)
        else { return nil }
        return String(decoding: comm, as: UTF8.self).trimmingWhitespace() == "keepalived" ? pid : nil
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, CR and LF.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
