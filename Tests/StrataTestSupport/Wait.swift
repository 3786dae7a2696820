import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bounded waits for something a test caused to happen elsewhere (a process, a socket, a file): the
/// condition is checked until it holds, and the wait fails (throws) at the deadline, which is a generous
/// hang guard, never a measurement.
public enum Wait {
    /// Polls `condition` every `interval` seconds until it holds; throws ``WaitTimeout`` after `seconds`.
    public static func until(
        _ what: @autoclosure () -> String, seconds: Double = 30, interval: Double = 0.01, _ condition: () throws -> Bool
    ) async throws {
        _ = try await value(what(), seconds: seconds, interval: interval) { try condition() ? true : nil }
    }

    /// Polls `produce` until it returns a value and returns it; throws ``WaitTimeout`` after `seconds`.
    public static func value<Value>(
        _ what: @autoclosure () -> String, seconds: Double = 30, interval: Double = 0.01, _ produce: () throws -> Value?
    ) async throws -> Value {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let value = try produce() { return value }
            guard Date() < deadline else { throw WaitTimeout(what: what(), seconds: seconds) }
            // Suspends rather than sleeps: the pool's thread runs other tests meanwhile.
            try await Task.sleep(for: .seconds(interval))
        }
    }
}

extension Wait {
    /// ``until(_:seconds:interval:_:)`` holding this thread: only for clean-up that cannot await (a
    /// `deinit`, a `defer`), never to synchronise a test.
    public static func blockingUntil(
        _ what: @autoclosure () -> String, seconds: Double = 30, interval: Double = 0.01, _ condition: () throws -> Bool
    ) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else { throw WaitTimeout(what: what(), seconds: seconds) }
            usleep(UInt32(interval * 1_000_000))
        }
    }
}

/// A ``Wait`` that reached its deadline.
public struct WaitTimeout: Error, CustomStringConvertible {
    /// What was awaited, in words.
    public var what: String
    /// The deadline, in seconds.
    public var seconds: Double
    /// The failure, for the test's report.
    public var description: String { "gave up waiting for \(what) after \(seconds) s" }
}
