import Foundation
import StrataGit

/// Where the configuration lives: the directory holding `clusters/`, and the git repository around it.
struct RepositoryLocation {
    /// The configuration root on disk (nil for a bare repository).
    var root: String?
    /// The git repository, when there is one.
    var git: GitRepository?
    /// The configuration root relative to the git working tree (`""` at its top).
    var prefix: String

    /// Finds the configuration root from `--repo` (or a directory below it) and the git repository around it.
    static func locate(_ path: String) throws -> RepositoryLocation {
        let git = try? GitRepository.discover(from: path)
        if let git, git.isBare {
            return RepositoryLocation(root: nil, git: git, prefix: "")
        }
        let start = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: start.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("cannot open repository directory '\(path)'", help: "pass --repo with the path of the configuration repository")
        }
        let top = git?.workdir.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
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
        var prefix = ""
        if let top, root.path.hasPrefix(top) {
            prefix = String(root.path.dropFirst(top.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        }
        return RepositoryLocation(root: root.path, git: git, prefix: prefix)
    }

    /// The git repository, or a failure explaining that `--rev` needs one.
    func requireGit(for purpose: String) throws -> GitRepository {
        guard let git else {
            throw CommandFailure("\(purpose) needs a git repository, and '\(root ?? ".")' is not inside one", help: "run `git init`, or leave out --rev")
        }
        return git
    }
}
