#if canImport(Glibc)
import Glibc
#endif
import StrataState

/// The instance's `maillog_file`, read from a remembered offset: what Postfix said since a reload.
struct PostfixLog: Sendable {
    /// Lines that mean the service is broken even when every command exited 0.
    static let alarming = ["fatal:", "panic:", "throttling", "table lookup problem", "server configuration error"]

    let path: String

    /// The current end of the log (0 when there is none yet).
    func end() -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The text written after `offset` (at most the last 1 MiB of it).
    func text(since offset: Int) -> String {
        guard let bytes = try? AtomicFile.read(path) else { return "" }
        let start = offset <= bytes.count ? offset : 0
        return String(decoding: bytes[start...].suffix(1 << 20), as: UTF8.self)
    }

    /// The lines after `offset` that say the service is broken.
    func alarms(since offset: Int) -> [String] {
        text(since: offset).split(separator: "\n").map(String.init).filter { line in
            Self.alarming.contains { line.lowercased().contains($0) }
        }
    }

    /// Waits until a line after `offset` contains `marker`, bounded by `seconds`; whether it came.
    func wait(for marker: String, since offset: Int, seconds: Int) -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        repeat {
            if text(since: offset).contains(marker) { return true }
            usleep(20_000)
        } while ContinuousClock.now < deadline
        return false
    }

    /// The last `lines` lines after `offset`, for failure answers.
    func tail(since offset: Int, lines: Int = 20) -> String {
        text(since: offset).split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
