#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads and durable replacements (temporary file, fsync, rename over the target, fsync of
/// the directory), for the state store and the agent's backends alike.
///
/// After a crash at any instant the target holds either its old or its new contents, never a mix.
package enum AtomicFile {
    /// The whole file, nil when it does not exist; over `limit` bytes is an error.
    package static func read(_ path: String, limit: Int = 64 << 20) throws(StateStoreError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot open '\(path)'")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure("cannot read '\(path)'") }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw StateStoreError(code: .tooLarge, message: "'\(path)' is larger than \(limit) bytes") }
        }
    }

    /// Replaces `path` with `bytes` durably, with the given mode. The temporary file's name carries the
    /// process id, so two processes never write the same temporary file.
    package static func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644) throws(StateStoreError) {
        let directory = parent(of: path)
        let temporary = directory + "/." + name(of: path) + ".strata-tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create '\(temporary)'") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw abandon(descriptor, temporary, failure("cannot write '\(temporary)'")) }
            written += count
        }
        guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            throw abandon(descriptor, temporary, failure("cannot flush '\(temporary)'"))
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot rename '\(temporary)' to '\(path)'")
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// Removes `path` durably; a missing file is not an error.
    package static func remove(_ path: String) throws(StateStoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("cannot remove '\(path)'") }
        try syncDirectory(parent(of: path))
    }

    /// Makes the directory's entries (a rename, a new or removed file) durable.
    package static func syncDirectory(_ directory: String) throws(StateStoreError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open '\(directory)'") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush '\(directory)'") }
    }

    /// The directory holding `path`, made absolute against the working directory.
    package static func parent(of path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory() + "/" + path
        guard let slash = absolute.lastIndex(of: "/") else { return "." }
        return slash == absolute.startIndex ? "/" : String(absolute[..<slash])
    }

    /// The last component of `path`.
    package static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// An I/O error with the system's words for the current `errno`.
    package static func failure(_ message: String) -> StateStoreError {
        StateStoreError(code: .io, message: message, cause: String(cString: strerror(errno)))
    }

    /// Closes and removes a temporary file that will not be renamed, passing `error` on.
    private static func abandon(_ descriptor: Int32, _ temporary: String, _ error: StateStoreError) -> StateStoreError {
        close(descriptor)
        unlink(temporary)
        return error
    }

    private static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
