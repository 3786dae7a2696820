import Glibc

/// Reads configuration from a directory on disk, never following a link out of it and never
/// opening anything but a regular file (a named pipe is refused without waiting for a writer).
///
/// Below `clusters/`, a link must stay below `clusters/`: the rule of ``GitRevisionSource``, which reads
/// only that tree, so a repository loads the same from disk and at a revision (a link to a shared file
/// elsewhere in the repository would otherwise be read on disk and refused with `--rev`).
public struct WorkingTreeSource: ConfigSource {
    /// The repository root as given.
    public let root: String
    private let realRoot: String

    /// Opens a directory; throws when it does not exist.
    public init(root: String) throws(SourceError) {
        guard let resolved = Self.realPath(root) else {
            throw SourceError(code: .repoNotFound, message: "cannot open repository directory '\(root)'", cause: Self.errnoText())
        }
        self.root = root
        self.realRoot = resolved
    }

    public func displayPath(_ path: String) -> String { path }

    public func entries(in directory: String) throws(SourceError) -> [SourceEntry]? {
        let full = absolute(directory)
        guard let resolved = Self.realPath(full) else {
            if errno == EACCES { throw SourceError(code: .readFailed, message: "cannot list '\(directory)'", cause: Self.errnoText()) }
            return nil
        }
        guard isAllowed(resolved, for: directory) else { return nil }
        guard let handle = opendir(full) else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SourceError(code: .readFailed, message: "cannot list '\(directory)'", cause: Self.errnoText())
        }
        defer { closedir(handle) }
        var result: [SourceEntry] = []
        while let entry = readdir(handle) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(pointer))) }
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                result.append(SourceEntry(name: EscapedName.escape(bytes), kind: .undecodableName))
                continue
            }
            if name == "." || name == ".." { continue }
            result.append(SourceEntry(name: name, kind: kind(of: directory.isEmpty ? name : directory + "/" + name)))
        }
        return result.sorted { $0.name < $1.name }
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        let full = absolute(path)
        guard let resolved = Self.realPath(full), isAllowed(resolved, for: path) else {
            throw SourceError(code: .outsideRepository, message: "'\(path)' leads outside the repository")
        }
        // O_NONBLOCK: opening a FIFO must not wait for a writer; anything but a regular file is refused below.
        let descriptor = open(resolved, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SourceError(code: .readFailed, message: "cannot open '\(path)'", cause: Self.errnoText())
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw SourceError(code: .readFailed, message: "cannot stat '\(path)'", cause: Self.errnoText())
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SourceError(code: .notAFile, message: "'\(path)' is not a regular file")
        }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size: size) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw SourceError(code: .readFailed, message: "cannot read '\(path)'", cause: Self.errnoText())
            }
            filled += count
        }
        return .bytes(filled == size ? bytes : Array(bytes.prefix(filled)))
    }

    private func kind(of path: String) -> SourceEntryKind {
        let full = absolute(path)
        var info = stat()
        guard lstat(full, &info) == 0 else { return .other(what: "an entry that cannot be examined (\(Self.errnoText()))") }
        var link = ""
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = Self.realPath(full) else { return .other(what: "a symbolic link that leads nowhere (dangling or a loop)") }
            guard isAllowed(resolved, for: path) else { return .linkOutside(target: resolved) }
            guard stat(resolved, &info) == 0 else { return .other(what: "a symbolic link to an entry that cannot be examined") }
            link = "a symbolic link to "
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO: return .other(what: link + "a named pipe (FIFO)")
        case S_IFSOCK: return .other(what: link + "a socket")
        case S_IFCHR, S_IFBLK: return .other(what: link + "a device")
        default: return .other(what: link + "an entry of an unknown type")
        }
    }

    private func absolute(_ path: String) -> String { path.isEmpty ? root : root + "/" + path }

    /// The root and `clusters` itself must resolve inside the repository; anything below `clusters/` inside
    /// the directory `clusters` resolves to.
    private func isAllowed(_ resolved: String, for path: String) -> Bool {
        guard path.hasPrefix("clusters/") else { return Self.isInside(resolved, realRoot) }
        guard let clusters = Self.realPath(root + "/clusters"), Self.isInside(clusters, realRoot) else { return false }
        return Self.isInside(resolved, clusters)
    }

    private static func isInside(_ resolved: String, _ boundary: String) -> Bool {
        resolved == boundary || resolved.hasPrefix(boundary == "/" ? "/" : boundary + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
