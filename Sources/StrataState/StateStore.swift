#if canImport(Glibc)
import Glibc
#endif
public import StrataModel

/// The generations of one machine's live configuration, kept in a directory; shared by the agent and
/// the controller's embedded default.
///
/// Layout: `generations/<n>.json` (summary and configuration), `generations/<n>.secrets.json` (mode 0600),
/// `current` (the current generation's number), `lock`. A new generation's files are durable before
/// `current` is switched to it, so a crash at any instant leaves the old or the new generation.
public struct StateStore: Sendable {
    /// The state directory.
    public let directory: String
    /// How many generations are kept for rollback.
    public let keep: Int

    /// Opens (and creates, mode 0700) a state directory.
    public init(directory: String, keep: Int = 10) throws(StateStoreError) {
        self.directory = directory
        self.keep = max(2, keep)
        for path in [directory, directory + "/generations"] {
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw AtomicFile.failure("cannot create '\(path)'")
            }
        }
    }

    /// Runs `body` while holding an exclusive lock on the directory (across processes).
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let lock = try StateLock(directory: directory)
        defer { lock.release() }
        return try body()
    }

    /// The current generation's number; 0 before the first.
    public func currentNumber() throws(StateStoreError) -> Int {
        guard let bytes = try AtomicFile.read(directory + "/current") else { return 0 }
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 1, let number = Int(words[0]), number >= 0 else {
            throw StateStoreError(code: .corrupt, message: "\(directory)/current does not hold a generation number")
        }
        return number
    }

    /// The current generation, nil before the first.
    public func current() throws(StateStoreError) -> StoredGeneration? {
        let number = try currentNumber()
        guard number > 0 else { return nil }
        guard let generation = try load(number) else {
            throw StateStoreError(code: .corrupt, message: "generation \(number) is current but its file is missing")
        }
        return generation
    }

    /// A kept generation, nil when it is not kept.
    public func load(_ number: Int) throws(StateStoreError) -> StoredGeneration? {
        guard let bytes = try AtomicFile.read(path(number)) else { return nil }
        do {
            let document = try JSONParser.parse(bytes)
            let reader = try JSONObjectReader(document, context: "generation file")
            try reader.requireOnly(["summary", "configuration"])
            let summary = try GenerationSummary(json: try reader.required("summary"))
            var secrets: [String: String] = [:]
            if let secretBytes = try AtomicFile.read(secretsPath(number)) {
                let secretDocument = try JSONParser.parse(secretBytes)
                secrets = try JSONObjectReader(.object([("secrets", secretDocument)]), context: "secrets file").stringMap("secrets")
            }
            return StoredGeneration(summary: summary, configuration: try reader.required("configuration"), secrets: secrets)
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(code: .corrupt, message: "generation file \(path(number)) is damaged", cause: "\(error)")
        }
    }

    /// Summaries of the kept generations up to the current one, newest first.
    public func history() throws(StateStoreError) -> [GenerationSummary] {
        try history(from: try currentNumber())
    }

    /// Summaries of the kept generations from `current` down, newest first.
    private func history(from current: Int) throws(StateStoreError) -> [GenerationSummary] {
        var summaries: [GenerationSummary] = []
        var number = current
        while number > 0 && summaries.count < keep {
            guard let generation = try load(number) else { break }
            summaries.append(generation.summary)
            number -= 1
        }
        return summaries
    }

    /// Makes `generation` current: writes its files durably, then switches `current`, then prunes.
    /// The caller holds ``withLock(_:)`` and has checked the expected generation.
    public func commit(_ generation: StoredGeneration) throws(StateStoreError) {
        let number = generation.summary.generation
        let secretsJSON = JSON.object(generation.secrets.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        try AtomicFile.write(Array(secretsJSON.rendered().utf8), to: secretsPath(number), mode: 0o600)
        let document = JSON.object([("summary", generation.summary.json), ("configuration", generation.configuration)])
        try AtomicFile.write(Array(document.rendered().utf8), to: path(number), mode: 0o600)
        try AtomicFile.write(Array("\(number)\n".utf8), to: directory + "/current", mode: 0o600)
        prune(current: number)
    }

    /// The state as `GET /v1/state` shows it: never secret values, only their digests.
    /// `current` is read once, so a commit by another process between the parts cannot mix two generations.
    public func state(machine: String, version: String) throws(StateStoreError) -> AgentState {
        let number = try currentNumber()
        var current: StoredGeneration?
        if number > 0 {
            guard let generation = try load(number) else {
                throw StateStoreError(code: .corrupt, message: "generation \(number) is current but its file is missing")
            }
            current = generation
        }
        var state = AgentState(
            machine: machine, version: version, generation: number, current: current?.summary,
            configuration: current?.configuration, secretDigests: current?.secretDigests ?? [:], history: try history(from: number))
        state.release = try releaseRecord(at: number)
        return state
    }

    /// Deletes generations older than the kept window, and any left above `current` by a crash.
    private func prune(current: Int) {
        guard let handle = opendir(directory + "/generations") else { return }
        defer { closedir(handle) }
        var doomed: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let number = Int(name.split(separator: ".").first ?? "") else { continue }
            if number <= current - keep || number > current { doomed.append(name) }
        }
        for name in doomed { unlink(directory + "/generations/" + name) }
    }

    private func path(_ number: Int) -> String { "\(directory)/generations/\(number).json" }
    private func secretsPath(_ number: Int) -> String { "\(directory)/generations/\(number).secrets.json" }
}
