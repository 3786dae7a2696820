import StrataKeepalived
import StrataModel
import StrataState

/// The `keepalived` backend (Docs/keepalived.md): renders keepalived.conf with `StrataKeepalived`,
/// checks a candidate copy with `keepalived -t` (inside the backend's namespace, where the devices
/// live), writes the file 0600 atomically, starts keepalived or makes it reread the file (SIGHUP), and
/// proves the daemon runs and reports a VRRP state. A configuration without `failover` stops the
/// daemon and removes the file. Restoring rewrites the previous generation's file (or what the file
/// held before the first generation) and restarts or stops the daemon to match.
struct KeepalivedBackend: Backend {
    /// One generation's file; nil content: the configuration has no failover.
    struct Rendering: Sendable {
        var generation: Int
        var rendering: KeepalivedRendering?
        /// The file before the first generation (restored when generation 1 fails).
        var before: [UInt8]?
    }

    let settings: KeepalivedBackendSettings
    let runner: CommandRunner
    let machine: String
    /// Strata interface → OS device (agent.yaml's `interfaces:`).
    let devices: [String: String]

    var kind: String { "keepalived" }
    var daemon: KeepalivedDaemon { KeepalivedDaemon(settings: settings, runner: runner) }
    var candidateFile: String { settings.configFile + ".strata-candidate" }

    func render(_ generation: StoredGeneration, previous: StoredGeneration?) throws(BackendFailure) -> Rendering {
        let before: [UInt8]?
        do {
            try daemon.prepareDirectories()
            before = try previous == nil ? AtomicFile.read(settings.configFile) : nil
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot prepare \(settings.configFile): \(error)", changed: false)
        }
        return Rendering(generation: generation.summary.generation, rendering: try renderFile(generation), before: before)
    }

    /// `keepalived -t` on a candidate copy beside the file; exit status 5 with its messages is a refusal (422).
    func validate(_ rendering: Rendering) throws(BackendFailure) {
        guard let file = rendering.rendering else { return }
        do {
            try AtomicFile.write(Array(file.content.utf8), to: candidateFile, mode: 0o600)
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot write \(candidateFile): \(error)", changed: false)
        }
        defer { try? AtomicFile.remove(candidateFile) }
        let outcome = runner.run([settings.program, "--config-test", "--use-file", candidateFile])
        guard !outcome.succeeded else { return }
        let messages = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let what = outcome.exitStatus == 5 ? "keepalived -t refuses the configuration" : "keepalived -t \(outcome.summary)"
        let diagnostics = (messages.isEmpty ? [outcome.summary] : messages).map {
            Diagnostic(.invalidValue, "keepalived refuses failover: \($0)", at: .file("keepalived.conf"))
        }
        throw .invalid("\(what): " + (messages.isEmpty ? outcome.summary : messages.joined(separator: "; ")), diagnostics: diagnostics,
                       outputTail: outcome.tail())
    }

    /// Writes the file, then SIGHUP when keepalived runs, else starts it; no failover: stop and remove.
    func switchTo(_ rendering: Rendering) throws(BackendFailure) {
        if let failure = install(rendering.rendering) {
            throw BackendFailure(code: .applyFailed, message: "generation \(rendering.generation): \(failure)", changed: true)
        }
    }

    /// The daemon runs and its instance reports MASTER, BACKUP or FAULT within the timeout (FAULT is a
    /// state too: the monitor decides it, and the machine must still report it).
    func health(_ rendering: Rendering) throws(BackendFailure) {
        guard rendering.rendering != nil else { return }
        let daemon = self.daemon
        let known = daemon.wait { daemon.isRunning() && ["MASTER", "BACKUP", "FAULT"].contains(daemon.state() ?? "") }
        guard known else {
            let what = daemon.isRunning() ? "reported no VRRP state" : "is not running"
            throw BackendFailure(
                code: .healthFailed, message: "generation \(rendering.generation): keepalived \(what) after \(settings.timeoutSeconds)s",
                changed: true)
        }
    }

    func restore(_ previous: StoredGeneration?, replacing rendering: Rendering?) -> RestoreOutcome {
        let number = previous?.summary.generation ?? 0
        guard let previous else {
            daemon.stop()
            do {
                if let before = rendering?.before { try AtomicFile.write(before, to: settings.configFile, mode: 0o600) } else {
                    try AtomicFile.remove(settings.configFile)
                }
            } catch {
                return RestoreOutcome(generation: 0, failure: "cannot put \(settings.configFile) back: \(error)")
            }
            return RestoreOutcome(generation: 0, detail: "keepalived stopped")
        }
        do throws(BackendFailure) {
            let file = try renderFile(previous)
            if let failure = install(file) { return RestoreOutcome(generation: number, failure: failure) }
            if file != nil, !daemon.wait(until: { daemon.isRunning() && daemon.state() != nil }) {
                return RestoreOutcome(generation: number, failure: "keepalived reported no VRRP state")
            }
            return RestoreOutcome(generation: number, detail: file == nil ? "keepalived stopped" : "keepalived runs its file")
        } catch {
            return RestoreOutcome(generation: number, failure: error.message)
        }
    }

    /// Whether the machine runs the generation: its file AND a running daemon (none: no file and no
    /// daemon). A daemon that is gone (a reboot, a restarted agent, a kill) makes this false, so the agent
    /// starts keepalived again when it starts, instead of leaving the machine out of its group.
    func holds(_ generation: StoredGeneration) -> Bool {
        let file: KeepalivedRendering?
        do throws(BackendFailure) { file = try renderFile(generation) } catch { return false }
        let current = try? AtomicFile.read(settings.configFile)
        guard let file else { return current == nil && !daemon.isRunning() }
        return current == Array(file.content.utf8) && daemon.isRunning()
    }

    func report(current: StoredGeneration?) -> BackendReport {
        KeepalivedObservation(backend: self).report(current: current)
    }

    /// The file for a generation; a configuration the renderer cannot express is refused (422).
    func renderFile(_ generation: StoredGeneration) throws(BackendFailure) -> KeepalivedRendering? {
        do {
            return try KeepalivedRenderer.render(
                configuration: generation.configuration, machine: machine, secrets: .resolved(generation.secrets),
                layout: KeepalivedLayout(devices: devices, stateFile: settings.stateFile))
        } catch {
            let message = "keepalived cannot express \(error.path): \(error.message)"
            throw .invalid(message, diagnostics: [Diagnostic(.invalidValue, message, at: .file("keepalived.conf"))])
        }
    }

    /// Makes `file` the running configuration; the failure in words, nil on success.
    private func install(_ file: KeepalivedRendering?) -> String? {
        let daemon = self.daemon
        guard let file else {
            guard daemon.stop() else { return "keepalived did not stop within \(settings.timeoutSeconds)s" }
            do { try AtomicFile.remove(settings.configFile) } catch { return "cannot remove \(settings.configFile): \(error)" }
            return nil
        }
        do {
            try AtomicFile.write(Array(file.content.utf8), to: settings.configFile, mode: 0o600)
        } catch {
            return "cannot write \(settings.configFile): \(error)"
        }
        if daemon.isRunning() { return daemon.reload() ? nil : "cannot signal keepalived to reload" }
        let outcome = daemon.start()
        return outcome.succeeded ? nil : "\(settings.program) \(outcome.summary): \(outcome.tail())"
    }
}
