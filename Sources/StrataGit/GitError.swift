/// A failure of a git operation: a stable code, a lowercase message, and libgit2's own text.
///
/// Thrown only for operational failures; nothing in this module crashes on a libgit2 error.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of the kind of failure (`unknown-revision`, `not-a-repository`, ...).
    public var code: String
    /// What went wrong, lowercase and without a full stop.
    public var message: String
    /// The text of libgit2's last error, or another underlying reason, if any.
    public var cause: String?

    /// Creates an error.
    public init(code: String, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The message followed by the cause.
    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}

extension GitError {
    /// No repository contains the given path.
    static func notARepository(_ path: String, cause: String?) -> GitError {
        GitError(code: "not-a-repository", message: "'\(path)' is not inside a git repository", cause: cause)
    }

    /// The revision does not name anything in the repository.
    static func unknownRevision(_ revision: String, cause: String?) -> GitError {
        GitError(code: "unknown-revision", message: "unknown revision '\(revision)'", cause: cause)
    }

    /// The operation needs a working tree.
    static func bareRepository(_ operation: String) -> GitError {
        GitError(code: "bare-repository", message: "cannot \(operation) in a bare repository")
    }

    /// A path given by the caller is not a plain relative path inside the repository.
    static func invalidPath(_ path: String, _ reason: String) -> GitError {
        GitError(code: "invalid-path", message: "invalid path '\(path)': \(reason)")
    }
}
