public import StrataGit
public import StrataModel

/// What a directory listing says of one entry.
public enum SourceEntryKind: Sendable, Hashable {
    case file
    case directory
    /// A symbolic link whose target lies outside the repository (never followed).
    case linkOutside(target: String)
    /// A device, socket, dangling link or anything else that is not configuration; `what` says which
    /// (`a named pipe`, `a git submodule`...), for messages.
    case other(what: String)
    /// An entry whose name is not valid UTF-8: it cannot be named in a path, so it is never read.
    /// The entry's `name` spells the bad bytes as `\xFF`.
    case undecodableName
}

/// One entry of a directory in a configuration source.
public struct SourceEntry: Sendable, Hashable {
    /// The entry's name inside its directory.
    public var name: String
    /// What it is.
    public var kind: SourceEntryKind

    /// Creates an entry.
    public init(name: String, kind: SourceEntryKind) {
        self.name = name
        self.kind = kind
    }
}

/// An operational failure of a source (I/O, libgit2): thrown, unlike diagnostics about the files.
public typealias SourceError = OperationalError<SourceErrorCode>

/// The kinds of source failure.
public enum SourceErrorCode: Sendable, Hashable, RawRepresentable {
    /// The repository directory cannot be opened.
    case repoNotFound
    /// A directory or file cannot be listed, opened or read.
    case readFailed
    /// A path leads outside the repository.
    case outsideRepository
    /// The path names something other than a regular file.
    case notAFile
    /// No file at the path.
    case notFound
    /// The git revision cannot be read: libgit2's failure.
    case git(GitError.Code)

    /// Reads a code as written (`read-failed`, or a git code such as `unknown-revision`).
    public init?(rawValue: String) {
        let own: [SourceErrorCode] = [.repoNotFound, .readFailed, .outsideRepository, .notAFile, .notFound]
        guard let code = own.first(where: { $0.rawValue == rawValue }) ?? GitError.Code(rawValue: rawValue).map(SourceErrorCode.git) else {
            return nil
        }
        self = code
    }

    /// The stable code (`read-failed`); a git failure keeps git's code.
    public var rawValue: String {
        switch self {
        case .repoNotFound: "repo-not-found"
        case .readFailed: "read-failed"
        case .outsideRepository: "outside-repository"
        case .notAFile: "not-a-file"
        case .notFound: "not-found"
        case .git(let code): code.rawValue
        }
    }
}

/// Where configuration files are read from: a working tree, or a git revision.
///
/// Paths are relative to the repository root and use `/`.
public protocol ConfigSource: Sendable {
    /// How diagnostics name a file of this source (`clusters/a/cluster.yaml`, or with a revision prefix).
    func displayPath(_ path: String) -> String
    /// The entries of a directory, sorted by name; nil when the directory does not exist.
    func entries(in directory: String) throws(SourceError) -> [SourceEntry]?
    /// The bytes of a file, or `.tooLarge` when it is bigger than `limit`.
    func read(_ path: String, limit: Int) throws(SourceError) -> FileContents
}

/// The contents of a file as read by a source.
public enum FileContents: Sendable {
    case bytes([UInt8])
    case tooLarge(size: Int)
}
