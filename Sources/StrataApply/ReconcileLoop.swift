import Foundation
public import Logging
import StrataModel

/// `strata reconcile` without the printing: passes of the ``Reconciler`` every `interval` seconds (or one, with
/// `once`), the commits seen and in force kept in `memoryFile` between runs. SIGTERM or SIGINT ends the loop: a
/// rollout under way stops between machines, a wait ends at once (``GracefulShutdown``).
public struct ReconcileLoop: Sendable {
    /// What the loop follows and how it applies.
    public var source: any ReconcileSource
    /// Options of each pass (their `shouldStop` is replaced by the stop signal).
    public var options: Reconciler.Options
    /// Secrets, resolved only for the machine that needs them.
    public var secrets: SecretResolver
    /// Where the agent clients log.
    public var logger: Logger
    /// The file the commits seen and in force are kept in.
    public var memoryFile: String
    /// Seconds between passes.
    public var interval: Int
    /// One pass, then stop.
    public var once: Bool

    /// Creates a loop.
    public init(
        source: any ReconcileSource, options: Reconciler.Options, secrets: SecretResolver, logger: Logger, memoryFile: String,
        interval: Int, once: Bool
    ) {
        self.source = source
        self.options = options
        self.secrets = secrets
        self.logger = logger
        self.memoryFile = memoryFile
        self.interval = interval
        self.once = once
    }

    /// Runs until `once` ends it or a stop signal; true when the last pass (with `once`) failed. `warn` gets what is
    /// worth telling but is no event (the memory file cannot be written).
    public func run(emit: @escaping @Sendable (ReconcileEvent) -> Void, warn: @escaping @Sendable (String) -> Void) async throws -> Bool {
        var options = self.options
        options.shouldStop = { GracefulShutdown.isRequested }
        let loop = self
        let passOptions = options
        return try await GracefulShutdown.run(logger: logger) {
            var reconciler = Reconciler(
                source: loop.source, options: passOptions, secrets: loop.secrets, logger: loop.logger,
                memory: Self.readMemory(loop.memoryFile))
            while true {
                let failed = await reconciler.pass(emit)
                // A dry run changes nothing, so it must not mark commits as seen for the real loop.
                if !passOptions.dryRun {
                    do { try Self.writeMemory(reconciler.memory, to: loop.memoryFile) } catch {
                        warn("cannot record the reconciled commits in \(loop.memoryFile): \(error)")
                    }
                }
                if loop.once { return failed }
                guard await GracefulShutdown.pause(seconds: loop.interval) else { return false }
            }
        }
    }

    /// The commits seen and in force, kept beside the embedded state so that `--once` passes (from a hook) and
    /// restarts do not apply a commit twice nor take drift for a new commit.
    static func readMemory(_ path: String) -> Reconciler.Memory {
        // Only a regular file is read: a FIFO in its place would block the loop.
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
              let data = FileManager.default.contents(atPath: path), data.count <= 1 << 16,
              let json = try? JSONParser.parse([UInt8](data)) else { return .init() }
        func commit(_ key: String) -> ReconcileCommit? {
            guard let id = json[key]?["id"]?.stringValue else { return nil }
            return ReconcileCommit(id: id, summary: json[key]?["summary"]?.stringValue ?? "")
        }
        return Reconciler.Memory(lastSeen: commit("last_seen"), inForce: commit("in_force"), heldBack: commit("held_back"))
    }

    static func writeMemory(_ memory: Reconciler.Memory, to path: String) throws {
        func json(_ commit: ReconcileCommit?) -> JSON {
            commit.map { .object([("id", .string($0.id)), ("summary", .string($0.summary))]) } ?? .null
        }
        let document = JSON.object([
            ("last_seen", json(memory.lastSeen)), ("in_force", json(memory.inForce)), ("held_back", json(memory.heldBack)),
        ])
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data((document.rendered() + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
