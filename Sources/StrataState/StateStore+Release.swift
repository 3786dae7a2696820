public import StrataModel

extension StateStore {
    /// Records that the machine left its cluster, under the directory's lock, if the store is still at the
    /// generation the release was planned against. Nothing else changes: the current generation stays current
    /// and nothing is installed. A release already recorded at this generation is kept as it is (the answer to
    /// a repeated release is the first one's record). The record is written atomically, like a generation.
    public func release(_ request: ReleaseRequest) throws(GenerationFailure<Never>) -> ReleaseRecord {
        let lock: StateLock
        do { lock = try StateLock(directory: directory) } catch { throw .locking(error) }
        defer { lock.release() }
        let current: Int
        do { current = try currentNumber() } catch { throw .store(error) }
        guard current == request.expectedGeneration else { throw .conflict(current: current) }
        do {
            if let recorded = try releaseRecord(at: current) { return recorded }
            let record = ReleaseRecord(
                cluster: request.cluster, commit: request.commit, at: Timestamp.now(), by: request.releasedBy, generation: current)
            try AtomicFile.write(Array(record.json.rendered().utf8), to: releasePath, mode: 0o600)
            return record
        } catch {
            throw .store(error)
        }
    }

    /// The release recorded at `generation`; nil when there is none, or when it was recorded at another
    /// generation (a later apply or rollback supersedes a release: the machine re-joined).
    public func releaseRecord(at generation: Int) throws(StateStoreError) -> ReleaseRecord? {
        guard let bytes = try AtomicFile.read(releasePath) else { return nil }
        let record: ReleaseRecord
        do {
            record = try ReleaseRecord(json: try JSONParser.parse(bytes))
        } catch {
            throw StateStoreError(code: .corrupt, message: "the release file \(releasePath) is damaged", cause: "\(error)")
        }
        return record.generation == generation ? record : nil
    }

    /// Removes a release superseded by a new generation. Only tidiness: a record of an earlier generation is
    /// never reported (``releaseRecord(at:)``), so a crash before this leaves nothing wrong.
    func clearRelease() {
        try? AtomicFile.remove(releasePath)
    }

    var releasePath: String { directory + "/release.json" }
}
