import StrataCatalogue
public import StrataModel
import StrataState

/// The `files` backend: writes the effective configuration (canonical JSON, secrets resolved, mode
/// 0600, atomically) where the operator says, runs the operator's `apply` command and then the
/// `health` command, and puts the previous generation back when either fails.
///
/// Every method blocks (file writes, commands); callers run them on a thread pool.
struct FilesBackend: Backend {
    /// One generation's file, and what the file held before the first generation.
    struct Rendering: Sendable {
        var generation: Int
        var bytes: [UInt8]
        /// At generation 0 there is no previous generation to rewrite: whatever the file held is put back.
        var before: [UInt8]?
    }

    let settings: FilesBackendSettings
    let runner: CommandRunner
    let machine: String

    var kind: String { "files" }

    /// The bytes the backend file holds for a generation.
    func bytes(_ generation: StoredGeneration) -> [UInt8] {
        Array(FilesBackendSettings.fileText(configuration: generation.configuration, secrets: generation.secrets, machine: machine).utf8)
    }

    func render(_ generation: StoredGeneration, previous: StoredGeneration?) throws(BackendFailure) -> Rendering {
        let before: [UInt8]?
        do {
            before = try previous == nil ? AtomicFile.read(settings.path) : nil
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot write \(settings.path): \(error)", changed: false)
        }
        return Rendering(generation: generation.summary.generation, bytes: bytes(generation), before: before)
    }

    /// Writes the file and runs the apply command; a write that fails changes nothing (it is atomic).
    func switchTo(_ rendering: Rendering) throws(BackendFailure) {
        do {
            try AtomicFile.write(rendering.bytes, to: settings.path, mode: 0o600)
        } catch {
            throw BackendFailure(code: .applyFailed, message: "cannot write \(settings.path): \(error)", changed: false)
        }
        let apply = runner.run(settings.apply, extraEnvironment: environment(phase: "apply", generation: rendering.generation))
        guard apply.succeeded else {
            throw BackendFailure(code: .applyFailed, message: "the apply command \(apply.summary)", outputTail: apply.tail(), changed: true)
        }
    }

    func health(_ rendering: Rendering) throws(BackendFailure) {
        guard let health = settings.health else { return }
        let check = runner.run(health, extraEnvironment: environment(phase: "health", generation: rendering.generation))
        guard check.succeeded else {
            throw BackendFailure(code: .healthFailed, message: "the health command \(check.summary)", outputTail: check.tail(), changed: true)
        }
    }

    /// Puts the previous generation back: rewrites the file and re-runs the apply command.
    /// With no previous generation, the file gets back what it held before (or is removed).
    func restore(_ previous: StoredGeneration?, replacing rendering: Rendering?) -> RestoreOutcome {
        let number = previous?.summary.generation ?? 0
        do {
            if let previous {
                try AtomicFile.write(bytes(previous), to: settings.path, mode: 0o600)
            } else if let contents = rendering?.before {
                try AtomicFile.write(contents, to: settings.path, mode: 0o600)
            } else {
                try AtomicFile.remove(settings.path)
            }
        } catch {
            return RestoreOutcome(generation: number, failure: "cannot rewrite \(settings.path): \(error)")
        }
        let apply = runner.run(settings.apply, extraEnvironment: environment(phase: "restore", generation: number))
        return RestoreOutcome(generation: number, failure: apply.succeeded ? nil : "its apply command \(apply.summary)")
    }

    /// Whether the file already holds `generation` (after a crash it may hold a newer, uncommitted one).
    func holds(_ generation: StoredGeneration) -> Bool {
        (try? AtomicFile.read(settings.path)) == bytes(generation)
    }

    /// What each command finds in its environment besides the agent's own (the token variable excepted).
    private func environment(phase: String, generation: Int) -> [String: String] {
        [
            "STRATA_PHASE": phase, "STRATA_GENERATION": String(generation), "STRATA_CONFIG": settings.path,
            "STRATA_MACHINE": machine,
        ]
    }
}

extension FilesBackendSettings {
    /// The text the backend writes for a configuration: the whole effective configuration (every
    /// feature, defaults filled in, catalogue order, as in `strata show --format json`) with each
    /// secret reference replaced by its value.
    public static func fileText(configuration: JSON, secrets: [String: String], machine: String) -> String {
        let (decoded, _) = CanonicalDecoder.decode(configuration, machine: MachineName(machine))
        // A stored generation the catalogue no longer reads (an older agent's) is written as it was sent.
        let effective = decoded.map(CanonicalDecoder.json) ?? configuration
        return ConfigurationSecrets.resolved(effective, secrets: secrets).rendered() + "\n"
    }
}
