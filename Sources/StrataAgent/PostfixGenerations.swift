#if canImport(Glibc)
import Glibc
#endif
import StrataState

/// The instance's generation directories, `<config_directory>.generations/<N>`, and the switch:
/// `config_directory` is a symbolic link, replaced atomically (a new link renamed over the old one),
/// so Postfix reads one generation's files or the other's, never a mix.
struct PostfixGenerations: Sendable {
    let configDirectory: String

    var root: String { configDirectory + ".generations" }
    /// Where a `config_directory` that was a real directory before the first switch is kept.
    var original: String { root + "/original" }

    func directory(_ generation: Int) -> String { root + "/\(generation)" }

    /// Writes a generation's files into a fresh directory (any leftover of a failed attempt removed).
    func write(_ files: [(path: String, content: String, mode: UInt16)], generation: Int) throws(AgentError) {
        let target = directory(generation)
        try makeDirectory(root)
        removeTree(target)
        try makeDirectory(target)
        for file in files {
            let path = target + "/" + file.path
            try makeDirectory(AtomicFile.parent(of: path))
            do { try AtomicFile.write(Array(file.content.utf8), to: path, mode: mode_t(file.mode)) } catch { throw AgentError(error) }
        }
    }

    /// The generation `config_directory` points at; nil when it is not one of ours.
    func current() -> Int? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(configDirectory, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard target.hasPrefix(root + "/") else { return nil }
        return Int(target.dropFirst(root.count + 1))
    }

    /// Points `config_directory` at `generation`'s directory. A real directory found there the first
    /// time is moved to ``original`` so a restore to "before the first generation" can bring it back.
    func switchTo(_ generation: Int) throws(AgentError) {
        var info = stat()
        if lstat(configDirectory, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) {
            guard rename(configDirectory, original) == 0 else { throw failure("cannot move '\(configDirectory)' aside") }
        }
        let temporary = configDirectory + ".strata-link"
        unlink(temporary)
        guard symlink(directory(generation), temporary) == 0 else { throw failure("cannot create '\(temporary)'") }
        guard rename(temporary, configDirectory) == 0 else {
            unlink(temporary)
            throw failure("cannot switch '\(configDirectory)'")
        }
    }

    /// Undoes the first switch: the original directory back, or no `config_directory` at all.
    func switchToNothing() throws(AgentError) {
        unlink(configDirectory)
        var info = stat()
        if lstat(original, &info) == 0, rename(original, configDirectory) != 0 {
            throw failure("cannot move '\(original)' back")
        }
    }

    /// Removes generation directories other than `keeping`.
    func prune(keeping: Set<Int>) {
        guard let handle = opendir(root) else { return }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            names.append(name)
        }
        closedir(handle)
        for name in names {
            if let number = Int(name), !keeping.contains(number) { removeTree(root + "/" + name) }
        }
    }

    private func makeDirectory(_ path: String) throws(AgentError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("cannot create '\(path)'") }
    }

    /// Removes a directory this backend wrote (files and subdirectories, no links followed).
    private func removeTree(_ path: String) {
        guard let handle = opendir(path) else {
            unlink(path)
            return
        }
        var children: [(String, Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { children.append((name, entry.pointee.d_type == UInt8(DT_DIR))) }
        }
        closedir(handle)
        for (name, isDirectory) in children {
            if isDirectory { removeTree(path + "/" + name) } else { unlink(path + "/" + name) }
        }
        rmdir(path)
    }

    private func failure(_ message: String) -> AgentError {
        AgentError(code: .io, message: message, cause: String(cString: strerror(errno)))
    }
}
