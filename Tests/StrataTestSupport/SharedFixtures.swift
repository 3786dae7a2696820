import Foundation

/// Fixtures shared by a whole test run (static, so never deinitialised): their directories go when the process exits.
public enum SharedFixtures {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var directories: [URL] = []
    private static let cleanUpAtExit: Void = { atexit { SharedFixtures.removeAll() } }()

    /// Removes the fixture's directory at exit.
    public static func keep(_ fixture: GitFixture) {
        _ = cleanUpAtExit
        lock.lock()
        directories.append(fixture.base)
        lock.unlock()
    }

    private static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
    }
}
