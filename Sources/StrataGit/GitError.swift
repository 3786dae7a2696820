public import StrataModel

/// A failure of a git operation: a stable code, a lowercase message, and libgit2's own text.
///
/// Thrown only for operational failures; nothing in this module crashes on a libgit2 error.
public typealias GitError = OperationalError<GitErrorCode>

/// The kinds of git failure.
public enum GitErrorCode: String, Sendable, Hashable {
    /// The revision names more than one object.
    case ambiguousRevision = "ambiguous-revision"
    /// The operation needs a working tree.
    case bareRepository = "bare-repository"
    /// The branch moved while committing.
    case concurrentUpdate = "concurrent-update"
    /// HEAD is detached; committing needs a branch.
    case detachedHead = "detached-head"
    /// The working tree has changes the operation would overwrite.
    case dirtyWorktree = "dirty-worktree"
    /// The commit message is empty.
    case emptyMessage = "empty-message"
    /// A fetch from a remote failed.
    case fetchFailed = "fetch-failed"
    /// The name is not a valid branch name.
    case invalidBranch = "invalid-branch"
    /// A path is not a plain relative path inside the repository.
    case invalidPath = "invalid-path"
    /// An author or committer is not a valid signature.
    case invalidSignature = "invalid-signature"
    /// libgit2 failed in a way with no more specific code.
    case libgit2
    /// No author or committer identity is configured.
    case missingIdentity = "missing-identity"
    /// The revision names something other than a commit.
    case notACommit = "not-a-commit"
    /// No repository contains the path.
    case notARepository = "not-a-repository"
    /// The commit would change nothing.
    case nothingToCommit = "nothing-to-commit"
    /// No such remote.
    case unknownRemote = "unknown-remote"
    /// The remote has no such branch.
    case unknownRemoteBranch = "unknown-remote-branch"
    /// The revision names nothing in the repository.
    case unknownRevision = "unknown-revision"
    /// The working tree cannot be written.
    case writeFailed = "write-failed"
}

extension GitError {
    /// No repository contains the given path.
    static func notARepository(_ path: String, cause: String?) -> GitError {
        GitError(code: .notARepository, message: "'\(path)' is not inside a git repository", cause: cause)
    }

    /// The revision does not name anything in the repository.
    static func unknownRevision(_ revision: String, cause: String?) -> GitError {
        GitError(code: .unknownRevision, message: "unknown revision '\(revision)'", cause: cause)
    }

    /// The operation needs a working tree.
    static func bareRepository(_ operation: String) -> GitError {
        GitError(code: .bareRepository, message: "cannot \(operation) in a bare repository")
    }

    /// A path given by the caller is not a plain relative path inside the repository.
    static func invalidPath(_ path: String, _ reason: String) -> GitError {
        GitError(code: .invalidPath, message: "invalid path '\(path)': \(reason)")
    }
}
