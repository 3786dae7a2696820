import StrataModel

extension StateStore {
    /// The expected-generation protocol, shared by the agent and the controller's embedded store: under the
    /// directory's lock, check that the store is still at the generation the change expects, make the next
    /// generation, let `installer` install it, and only then record it as current.
    ///
    /// A crash at any instant leaves the old or the new generation current (``commit(_:)``); a generation
    /// that was installed but not recorded is put back by the installer.
    public func advance<Installer: GenerationInstaller>(
        _ change: GenerationChange, installer: Installer
    ) throws(GenerationFailure<Installer.Failure>) -> (StoredGeneration, Installer.Installed) {
        let lock: StateLock
        do { lock = try StateLock(directory: directory) } catch { throw .locking(error) }
        defer { lock.release() }
        let current: StoredGeneration?
        do { current = try self.current() } catch { throw .store(error) }
        let number = current?.summary.generation ?? 0
        guard number == change.expectedGeneration else { throw .conflict(current: number) }
        let next = try nextGeneration(change, after: number, Installer.Failure.self)
        let installed: Installer.Installed
        do { installed = try installer.install(next, previous: current) } catch { throw .install(error) }
        do {
            try commit(next)
        } catch {
            throw .unrecorded(error, undo: installer.undo(installing: next, previous: current))
        }
        // A new generation means the machine is managed again: a release recorded earlier no longer applies.
        clearRelease()
        return (next, installed)
    }

    /// Generation `current + 1` as the change describes it, stamped now.
    private func nextGeneration<Failure: Error>(
        _ change: GenerationChange, after current: Int, _: Failure.Type
    ) throws(GenerationFailure<Failure>) -> StoredGeneration {
        switch change {
        case .apply(let request):
            let hash = StoredGeneration.configHash(
                configuration: request.configuration, secretDigests: request.secrets.mapValues(Digest.sha256))
            let summary = GenerationSummary(
                generation: current + 1, configHash: hash, appliedCommit: request.commit, appliedAt: Timestamp.now(),
                appliedBy: request.appliedBy)
            return StoredGeneration(summary: summary, configuration: request.configuration, secrets: request.secrets)
        case .rollback(let request):
            guard request.toGeneration < current else { throw .notEarlier(current: current) }
            let kept: StoredGeneration?
            do { kept = try load(request.toGeneration) } catch { throw .store(error) }
            guard let target = kept else { throw .notKept }
            let summary = GenerationSummary(
                generation: current + 1,
                configHash: StoredGeneration.configHash(configuration: target.configuration, secretDigests: target.secretDigests),
                appliedCommit: target.summary.appliedCommit, appliedAt: Timestamp.now(), appliedBy: request.appliedBy,
                restoredFrom: request.toGeneration)
            return StoredGeneration(summary: summary, configuration: target.configuration, secrets: target.secrets)
        }
    }
}
