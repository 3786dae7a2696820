/// An operational failure of a command (not a finding about the files): printed as `error: ...`, exit 1.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    /// What went wrong, lowercase, no full stop.
    public var message: String
    /// How to fix it.
    public var help: String?

    /// Creates a failure.
    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    public var description: String { message + (help.map { "\nhelp: \($0)" } ?? "") }
}
