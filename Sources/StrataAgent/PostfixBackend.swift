import StrataModel
import StrataPostfix
import StrataState
import Synchronization

/// The `postfix` backend (Docs/agent-api.md, "Backends"): renders a generation into its own directory,
/// validates it with Postfix's tools, switches `config_directory` to it atomically, reloads (or stops and
/// starts when the listening addresses change, or starts an instance that is not running), and proves
/// the instance serves; a failure after the switch puts the previous generation back with stop+start.
struct PostfixBackend: Backend {
    /// One generation rendered into its directory; the switch records where the log stood before it.
    struct Rendering: Sendable {
        var generation: Int
        var files: PostfixRendering
        var directory: String
        let logOffset = LogMark()
    }

    /// Where the log stood when the switch began (the health check reads from there).
    final class LogMark: Sendable {
        private let offset = Mutex(0)
        func get() -> Int { offset.withLock { $0 } }
        func set(_ value: Int) { offset.withLock { $0 = value } }
    }

    let settings: PostfixBackendSettings
    let runner: CommandRunner
    let machine: String
    /// How many generation directories are kept (agent.yaml's `keep_generations`).
    let keep: Int
    /// The renderer: `PostfixRenderer.render`, the same code as `strata render --backend postfix`.
    var renderer: @Sendable (JSON, String, PostfixSecrets, PostfixLayout) throws(PostfixRenderError) -> PostfixRendering = {
        (configuration, machine, secrets, layout) throws(PostfixRenderError) in
        try PostfixRenderer.render(configuration: configuration, machine: machine, secrets: secrets, layout: layout)
    }

    var kind: String { "postfix" }
    var instance: PostfixInstance { PostfixInstance(settings: settings, runner: runner) }
    var generations: PostfixGenerations { PostfixGenerations(configDirectory: settings.configDirectory) }
    var log: PostfixLog { PostfixLog(path: settings.maillogFile) }
    var layout: PostfixLayout {
        PostfixLayout(
            configDirectory: settings.configDirectory, queueDirectory: settings.queueDirectory, dataDirectory: settings.dataDirectory,
            maillogFile: settings.maillogFile)
    }

    func render(_ generation: StoredGeneration, previous: StoredGeneration?) throws(BackendFailure) -> Rendering {
        let files = try renderFiles(generation)
        let number = generation.summary.generation
        do {
            try PostfixDirectories(settings: settings).prepare()
            try generations.write(files.files.map { ($0.path, $0.content, $0.mode) }, generation: number)
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot write generation \(number)'s Postfix files: \(error)", changed: false)
        }
        return Rendering(generation: number, files: files, directory: generations.directory(number))
    }

    func warnings(of rendering: Rendering) -> [BackendWarning] {
        rendering.files.warnings.map { BackendWarning(backend: kind, feature: $0.feature, path: $0.path, message: $0.message) }
    }

    func validate(_ rendering: Rendering) throws(BackendFailure) {
        try NonlocalBind(runner: runner, namespace: settings.netns).check(rendering.files.virtualAddresses)
        try PostfixValidator(instance: instance, configDirectory: settings.configDirectory).validate(rendering.files, directory: rendering.directory)
    }

    /// Switches the link, then reload, stop+start (listening addresses changed) or start (not running).
    func switchTo(_ rendering: Rendering) throws(BackendFailure) {
        let running = instance.isRunning()
        let before = running ? instance.parameters(directory: settings.configDirectory, ["inet_interfaces", "inet_protocols"]) : nil
        let offset = log.end()
        rendering.logOffset.set(offset)
        do {
            try generations.switchTo(rendering.generation)
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot switch to generation \(rendering.generation): \(error)", changed: true)
        }
        let after = [rendering.files.inetInterfaces.joined(separator: ", "), rendering.files.inetProtocols]
        let outcome: CommandOutcome
        if !running {
            outcome = instance.start()
        } else if let before, Self.differ(before, after) {
            instance.stop()
            outcome = instance.start()
        } else {
            outcome = instance.reload()
            if outcome.succeeded, !log.wait(for: "reload -- version", since: offset, seconds: settings.timeoutSeconds) {
                throw failure(.applyFailed, "the instance did not log its reload", rendering)
            }
        }
        guard outcome.succeeded else {
            throw failure(.applyFailed, "\(outcome.argv.dropFirst(3).joined(separator: " ")) \(outcome.summary)", rendering, output: outcome)
        }
        generations.prune(keeping: Set((rendering.generation - keep)...rendering.generation))
    }

    /// The instance runs, every listener greets with 220 and gets to RCPT without 4.3.5, and the log
    /// since the switch has no fatal, panic or throttling line.
    func health(_ rendering: Rendering) throws(BackendFailure) {
        if let problem = PostfixHealth(instance: instance, log: log, timeoutSeconds: settings.timeoutSeconds)
            .problem(listeners: rendering.files.listeners, since: rendering.logOffset.get()) {
            throw failure(.healthFailed, problem, rendering)
        }
    }

    func restore(_ previous: StoredGeneration?, replacing rendering: Rendering?) -> RestoreOutcome {
        PostfixRestore(backend: self).restore(previous)
    }

    /// Whether `config_directory` points at the generation's directory.
    func holds(_ generation: StoredGeneration) -> Bool {
        generations.current() == generation.summary.generation
    }

    func report(current: StoredGeneration?) -> BackendReport {
        PostfixObservation(backend: self).report(current: current)
    }

    /// The files for a generation; a configuration the renderer cannot express is refused (422).
    func renderFiles(_ generation: StoredGeneration) throws(BackendFailure) -> PostfixRendering {
        do {
            return try renderer(generation.configuration, machine, .resolved(generation.secrets), layout)
        } catch {
            let diagnostic = Diagnostic(.invalidValue, "postfix cannot express \(error.path): \(error.message)", at: .file("main.cf"))
            throw .invalid("postfix cannot express \(error.path): \(error.message)", diagnostics: [diagnostic])
        }
    }

    private static func differ(_ before: [String], _ after: [String]) -> Bool {
        zip(before, after).contains { PostfixTables.normalized($0.replacingComma()) != PostfixTables.normalized($1.replacingComma()) }
    }

    private func failure(_ code: AgentErrorCode, _ message: String, _ rendering: Rendering, output: CommandOutcome? = nil) -> BackendFailure {
        let tail = log.tail(since: rendering.logOffset.get())
        let outputText = output.map { $0.tail() } ?? ""
        return BackendFailure(
            code: code, message: "generation \(rendering.generation): \(message)",
            outputTail: [outputText, tail].filter { !$0.isEmpty }.joined(separator: "\n"), changed: true)
    }
}

extension String {
    fileprivate func replacingComma() -> String { String(map { $0 == "," ? " " : $0 }) }
}
