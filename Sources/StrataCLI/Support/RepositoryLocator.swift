import Foundation
import Synchronization
import StrataGit

/// Where the configuration lives: the directory holding `clusters/`, and the git repository around it.
///
/// When `--repo` names the directory that holds `clusters/` (the usual case), the git repository is looked
/// for only when a command first asks for it: `validate`, `show` and `where` on the working tree never need
/// it, and finding it starts libgit2, whose global set-up reads the system's TLS certificates (about 8 ms).
struct RepositoryLocation: Sendable {
    /// The configuration root on disk (nil for a bare repository).
    let root: String?
    private let found: Found

    /// The git repository, when there is one.
    var git: GitRepository? { found.value.git }
    /// The configuration root relative to the git working tree (`""` at its top).
    var prefix: String { found.value.prefix }

    /// Finds the configuration root from `--repo` (or a directory below it) and the git repository around it.
    static func locate(_ path: String) throws -> RepositoryLocation {
        let start = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        if isDirectory(start.appendingPathComponent("clusters")) {
            let root = start.path
            return RepositoryLocation(root: root, found: Found { Self.discover(from: path, root: root) })
        }
        let git = Self.discoverGit(from: path)
        if let git, git.isBare {
            return RepositoryLocation(root: nil, found: Found(value: (git, "")))
        }
        guard isDirectory(start) else {
            throw CommandFailure("cannot open repository directory '\(path)'", help: "pass --repo with the path of the configuration repository")
        }
        let top = git.flatMap(Self.top)
        // From a directory inside clusters/ (a cluster, its groups/), walk up to the directory that holds clusters/;
        // any other directory is taken as given, so a mistyped --repo is never silently replaced by an ancestor.
        var candidate = start
        var root = start
        while start.pathComponents.contains("clusters") {
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("clusters").path) {
                root = candidate
                break
            }
            if candidate.path == "/" || candidate.path == top { break }
            candidate.deleteLastPathComponent()
        }
        return RepositoryLocation(root: root.path, found: Found(value: (git, prefix(of: root.path, below: top))))
    }

    /// The git repository, or a failure explaining that `--rev` needs one.
    func requireGit(for purpose: String) throws -> GitRepository {
        guard let git else {
            throw CommandFailure("\(purpose) needs a git repository, and '\(root ?? ".")' is not inside one", help: "run `git init`, or leave out --rev")
        }
        return git
    }

    /// The repository around `path` and the prefix of `root` in its working tree.
    private static func discover(from path: String, root: String) -> (git: GitRepository?, prefix: String) {
        let git = discoverGit(from: path)
        return (git, prefix(of: root, below: git.flatMap(top)))
    }

    private static func discoverGit(from path: String) -> GitRepository? {
        // A command runs once: libgit2 is set up at its first use and stays so until the process exits.
        ProcessLifetime.initialiseGitOnce()
        return try? GitRepository.discover(from: path)
    }

    /// The working tree's top directory, symbolic links resolved.
    private static func top(_ git: GitRepository) -> String? {
        git.workdir.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
    }

    private static func prefix(of root: String, below top: String?) -> String {
        guard let top, root.hasPrefix(top) else { return "" }
        return String(root.dropFirst(top.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The repository and prefix, found at most once, the first time they are asked for.
    private final class Found: Sendable {
        private let state: Mutex<State>

        private enum State: Sendable {
            case pending(@Sendable () -> (git: GitRepository?, prefix: String))
            case known(git: GitRepository?, prefix: String)
        }

        init(value: (git: GitRepository?, prefix: String)) { state = Mutex(.known(git: value.git, prefix: value.prefix)) }
        init(_ discover: @escaping @Sendable () -> (git: GitRepository?, prefix: String)) { state = Mutex(.pending(discover)) }

        var value: (git: GitRepository?, prefix: String) {
            state.withLock { state in
                switch state {
                case .known(let git, let prefix):
                    return (git, prefix)
                case .pending(let discover):
                    let value = discover()
                    state = .known(git: value.git, prefix: value.prefix)
                    return value
                }
            }
        }
    }
}
