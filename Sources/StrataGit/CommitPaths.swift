/// The rules for paths given to `GitRepository.commit`: plain relative paths inside the working tree.
enum CommitPaths {
    /// Throws `invalid-path` for the first path that is not acceptable, or `nothing-to-commit` when both lists are empty.
    static func validate(written: [String], removed: [String]) throws(GitError) {
        guard !written.isEmpty || !removed.isEmpty else {
            throw GitError(code: .nothingToCommit, message: "nothing to commit: no file to write or remove")
        }
        for path in written + removed { try validate(path) }
        let writtenSet = Set(written)
        if let both = removed.first(where: writtenSet.contains) {
            throw GitError.invalidPath(both, "it is both written and removed")
        }
        for path in written {
            var parent = Substring(path)
            while let slash = parent.lastIndex(of: "/") {
                parent = parent[..<slash]
                if writtenSet.contains(String(parent)) { throw GitError.invalidPath(path, "'\(parent)' is also written as a file") }
            }
        }
    }

    private static func validate(_ path: String) throws(GitError) {
        guard !path.isEmpty else { throw GitError.invalidPath(path, "it is empty") }
        guard !path.hasPrefix("/") else { throw GitError.invalidPath(path, "it must be relative to the repository root") }
        guard !path.contains("\0"), !path.contains("\\") else { throw GitError.invalidPath(path, "it contains a forbidden character") }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "", ".", "..": throw GitError.invalidPath(path, "it must not contain empty, '.' or '..' components")
            case _ where component.lowercased() == ".git": throw GitError.invalidPath(path, "it must not touch '.git'")
            default: continue
            }
        }
    }
}
