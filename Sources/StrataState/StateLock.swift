#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a state directory's `lock` file, held across processes until ``release()``.
struct StateLock {
    private let descriptor: Int32

    /// Waits for the lock on `directory`.
    init(directory: String) throws(StateStoreError) {
        let descriptor = open(directory + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AtomicFile.failure("cannot open '\(directory)/lock'") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let error = AtomicFile.failure("cannot lock '\(directory)'")
                close(descriptor)
                throw error
            }
        }
        self.descriptor = descriptor
    }

    /// Lets the next holder in.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
