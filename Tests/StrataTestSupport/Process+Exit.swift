public import Foundation

extension Process {
    /// Starts the process and waits for its exit without holding a thread of the concurrency pool (the
    /// machine has few cores: a pool thread blocked in `waitUntilExit` is one test fewer running).
    public func runUntilExit() async throws {
        let (exited, continuation) = AsyncStream<Void>.makeStream()
        terminationHandler = { _ in
            continuation.yield()
            continuation.finish()
        }
        try run()
        for await _ in exited { break }
        // Already gone: returns at once, with the termination status recorded.
        waitUntilExit()
    }
}
