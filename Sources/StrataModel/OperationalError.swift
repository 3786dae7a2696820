/// An operational failure (I/O, libgit2, the state directory, the agent's own set-up) as data: a stable
/// typed code, a lowercase message without a full stop, and the underlying cause's own words.
///
/// Each module names its own with a code enum (`GitError` is `OperationalError<GitErrorCode>`); diagnostics
/// about the user's files are not errors.
public struct OperationalError<C: RawRepresentable & Sendable & Hashable>: Error, Hashable, CustomStringConvertible
where C.RawValue == String {
    /// The module's code enum.
    public typealias Code = C

    /// What kind of failure.
    public var code: Code
    /// What went wrong.
    public var message: String
    /// The system's or library's own words, if any.
    public var cause: String?

    /// Creates an error.
    public init(code: Code, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The message followed by the cause: `cannot open 'x': No such file or directory`.
    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
