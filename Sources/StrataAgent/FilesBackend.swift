import StrataCompile
public import StrataModel
import StrataState

/// The `files` backend: writes the effective configuration (canonical JSON, secrets resolved, mode
/// 0600, atomically) where the operator says, runs the operator's `apply` command and then the
/// `health` command, and puts the previous generation back when either fails.
///
/// Every method blocks (file writes, commands); callers run them on a thread pool.
struct FilesBackend: Sendable {
    let settings: FilesBackendSettings
    let runner: CommandRunner
    let machine: String

    /// The bytes the backend file holds for a generation.
    func render(_ generation: StoredGeneration) -> [UInt8] {
        Array(FilesBackendSettings.fileText(configuration: generation.configuration, secrets: generation.secrets, machine: machine).utf8)
    }

    /// Installs `generation` over `previous` (nil at generation 0). On failure the previous state is
    /// restored before this returns.
    func install(_ generation: StoredGeneration, previous: StoredGeneration?) -> InstallOutcome {
        let before: [UInt8]?
        do {
            // At generation 0 there is no previous generation to rewrite; whatever the file held is put back.
            before = try previous == nil ? FileAccess.read(settings.path) : nil
            try FileAccess.write(render(generation), to: settings.path, mode: 0o600)
        } catch {
            return .failed(code: "apply-failed", message: "cannot write \(settings.path): \(error)", outcome: nil, restore: nil)
        }
        let number = generation.summary.generation
        let apply = runner.run(settings.apply, extraEnvironment: environment(phase: "apply", generation: number))
        guard apply.succeeded else {
            return .failed(
                code: "apply-failed", message: "the apply command \(apply.summary)", outcome: apply,
                restore: restore(previous, contents: before))
        }
        guard let health = settings.health else { return .installed }
        let check = runner.run(health, extraEnvironment: environment(phase: "health", generation: number))
        guard check.succeeded else {
            return .failed(
                code: "health-failed", message: "the health command \(check.summary)", outcome: check,
                restore: restore(previous, contents: before))
        }
        return .installed
    }

    /// Puts the previous generation back: rewrites the file and re-runs the apply command.
    /// With no previous generation, the file gets back what it held before (or is removed).
    func restore(_ previous: StoredGeneration?, contents: [UInt8]?) -> RestoreOutcome {
        let number = previous?.summary.generation ?? 0
        do {
            if let previous {
                try FileAccess.write(render(previous), to: settings.path, mode: 0o600)
            } else if let contents {
                try FileAccess.write(contents, to: settings.path, mode: 0o600)
            } else {
                try FileAccess.remove(settings.path)
            }
        } catch {
            return RestoreOutcome(generation: number, failure: "cannot rewrite \(settings.path): \(error)")
        }
        let apply = runner.run(settings.apply, extraEnvironment: environment(phase: "restore", generation: number))
        return RestoreOutcome(generation: number, failure: apply.succeeded ? nil : "its apply command \(apply.summary)")
    }

    /// Whether the file already holds `generation` (after a crash it may hold a newer, uncommitted one).
    func holds(_ generation: StoredGeneration) -> Bool {
        (try? FileAccess.read(settings.path)) == render(generation)
    }

    /// What each command finds in its environment besides the agent's own (the token variable excepted).
    private func environment(phase: String, generation: Int) -> [String: String] {
        [
            "STRATA_PHASE": phase, "STRATA_GENERATION": String(generation), "STRATA_CONFIG": settings.path,
            "STRATA_MACHINE": machine,
        ]
    }
}

/// The result of installing a generation.
enum InstallOutcome: Sendable {
    /// Written, applied and healthy.
    case installed
    /// Refused by the backend; `restore` says how putting the previous state back went (nil: nothing was changed).
    case failed(code: String, message: String, outcome: CommandOutcome?, restore: RestoreOutcome?)
}

/// How restoring the previous generation went.
struct RestoreOutcome: Sendable {
    /// The generation restored (0: the state before the first generation).
    var generation: Int
    /// Why the restore failed, nil when it succeeded.
    var failure: String?

    /// `generation 3 restored` or `restoring generation 3 also failed: ...`.
    var summary: String {
        failure.map { "restoring generation \(generation) also failed: \($0)" } ?? "generation \(generation) restored"
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
