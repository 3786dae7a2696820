import Foundation

/// Waits for a process without blocking a thread of the concurrency pool, with a hang guard.
enum ProcessWaiter {
    /// Starts `process` and returns its exit status; terminates it and throws after `timeout`.
    static func run(_ process: Process, timeout: Duration) async throws -> Int32 {
        let exit = AsyncStream<Int32> { continuation in
            process.terminationHandler = { finished in
                continuation.yield(finished.terminationStatus)
                continuation.finish()
            }
        }
        try process.run()
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in exit { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            throw DocTestError("timed out after \(timeout)")
        }
        return status
    }
}
