import Foundation

/// Times as written in states and plans: ISO 8601, UTC, whole seconds (`2025-03-01T12:00:00Z`).
public enum Timestamp {
    /// The current time.
    public static func now() -> String {
        Date().formatted(.iso8601)
    }
}
