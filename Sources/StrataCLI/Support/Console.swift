#if canImport(Glibc)
import Glibc
#endif
import StrataModel

/// Where command output goes, and whether it may be coloured.
public struct Console: Sendable {
    /// Whether stdout is a terminal and `NO_COLOR` is unset.
    public let colorStdout: Bool
    /// Whether stderr is a terminal and `NO_COLOR` is unset.
    public let colorStderr: Bool

    /// Detects terminals and `NO_COLOR`.
    public init() {
        let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
        colorStdout = !noColor && isatty(STDOUT_FILENO) == 1
        colorStderr = !noColor && isatty(STDERR_FILENO) == 1
    }

    /// Writes to standard output. Whatever a view missed, no control character but a line feed, a tab or (with
    /// colour on) a colour sequence reaches the terminal: the rest is shown escaped (``TerminalText``).
    public func out(_ text: String) { Self.write(Self.safe(text, colour: colorStdout), to: STDOUT_FILENO) }

    /// Writes to standard error, escaped as ``out(_:)`` is.
    public func err(_ text: String) { Self.write(Self.safe(text, colour: colorStderr), to: STDERR_FILENO) }

    /// The last line of defence against terminal injection; views escape values (newlines included) themselves.
    static func safe(_ text: String, colour: Bool) -> String {
        TerminalText.escape(text, allowing: colour ? [.lineFeeds, .tabs, .colours] : [.lineFeeds, .tabs])
    }

    /// Writes bytes that are already safe for a terminal (``JSONWriter`` output: it escapes every character the
    /// console would), as they are.
    public func outSafe(_ bytes: [UInt8]) { Self.write(bytes, to: STDOUT_FILENO) }

    private static func write(_ text: String, to descriptor: Int32) { write(Array(text.utf8), to: descriptor) }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        // Read-only access: `show` hands over the cached bytes of a large value, which a mutable view would copy.
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Whether both standard input and standard error are terminals (someone can answer a question).
    public static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }
}

/// ANSI styles, applied only when colour is on.
struct Style {
    let enabled: Bool

    func red(_ text: String) -> String { wrap(text, "1;31") }
    func yellow(_ text: String) -> String { wrap(text, "1;33") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
