#if canImport(Glibc)
import Glibc
#endif

/// Times as generations, states and plans record them: ISO 8601, UTC, whole seconds (`2025-01-31T12:00:00Z`).
public enum Timestamp {
    /// Now.
    public static func now() -> String {
        format(secondsSinceEpoch: secondsNow())
    }

    /// Seconds since 1970.
    public static func secondsNow() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec)
    }

    /// A moment given in seconds since 1970.
    public static func format(secondsSinceEpoch seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
