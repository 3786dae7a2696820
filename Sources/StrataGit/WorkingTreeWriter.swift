import Glibc

/// Writes and removes files of a working tree, never through a link that leaves it.
struct WorkingTreeWriter {
    /// The working tree's root.
    let root: String
    private let realRoot: String

    /// Prepares writing below `root`, which must exist.
    init(root: String) throws(GitError) {
        guard let resolved = Self.realPath(root) else {
            throw GitError(code: .writeFailed, message: "cannot open the working tree '\(root)'", cause: Self.errnoText())
        }
        self.root = root
        self.realRoot = resolved
    }

    /// Replaces the file at `path` (relative, already validated) with `bytes`, creating directories as needed.
    ///
    /// The bytes go to a temporary file in the same directory, which is then renamed over the
    /// target, so a reader never sees half a file and an existing link is replaced, not followed.
    func replaceFile(at path: String, with bytes: [UInt8]) throws(GitError) {
        let directory = try makeDirectories(for: path)
        let target = root + "/" + path
        var template = Array((directory + "/.strata-write-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file for '\(path)'") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            var existing = stat()
            let mode = lstat(target, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG ? existing.st_mode & 0o777 : 0o644
            guard fchmod(descriptor, mode) == 0 else { throw failure("cannot set the mode of '\(path)'") }
            try writeAll(bytes, to: descriptor, path: path)
        }
        guard rename(temporary, target) == 0 else { throw failure("cannot replace '\(path)'") }
        renamed = true
    }

    /// Removes the file or link at `path` if present, then any directories left empty.
    func removeFile(at path: String) throws(GitError) {
        let target = root + "/" + path
        let directory = Self.parent(of: target)
        guard let resolved = Self.realPath(directory) else { return }
        guard isInside(resolved) else { throw GitError.invalidPath(path, "it leads outside the working tree") }
        var info = stat()
        guard lstat(target, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw GitError.invalidPath(path, "it is a directory") }
        guard unlink(target) == 0 else { throw failure("cannot remove '\(path)'") }
        var emptied = directory
        while emptied.count > root.count, rmdir(emptied) == 0 { emptied = Self.parent(of: emptied) }
    }

    /// Creates the directories leading to `path` and returns the innermost, refusing links out of the tree.
    private func makeDirectories(for path: String) throws(GitError) -> String {
        var directory = root
        for component in path.split(separator: "/").dropLast() {
            directory += "/" + component
            if mkdir(directory, 0o777) != 0 && errno != EEXIST {
                throw failure("cannot create directory '\(directory)'")
            }
            // Checked at every level so that a link to elsewhere is never descended into.
            guard let resolved = Self.realPath(directory), isInside(resolved) else {
                throw GitError.invalidPath(path, "it leads outside the working tree")
            }
            var info = stat()
            guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw GitError.invalidPath(path, "'\(component)' is not a directory")
            }
        }
        return directory
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(GitError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot write '\(path)'") }
            written += count
        }
    }

    private func isInside(_ resolved: String) -> Bool {
        resolved == realRoot || resolved.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
    }

    private func failure(_ message: String) -> GitError {
        GitError(code: .writeFailed, message: message, cause: Self.errnoText())
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
