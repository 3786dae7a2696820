public import StrataGit

/// Reads configuration from a git revision, without touching the working tree or the index.
///
/// The whole `clusters/` tree of the revision is read into memory once (libgit2 handles never
/// outlive the read); symbolic links are followed only when they stay inside that tree.
public struct GitRevisionSource: ConfigSource {
    /// The revision as the user wrote it (`HEAD~1`, `main`, `v1.2`).
    public let revision: String
    /// The commit it resolved to.
    public let commit: GitCommit
    /// Where the configuration root is inside the git repository (`""` or `examples/americas`).
    public let prefix: String
    private let snapshot: GitTreeSnapshot

    /// Reads `clusters/` below `prefix` at `revision`.
    public init(repository: GitRepository, revision: String, prefix: String, maxBlobBytes: Int) throws(SourceError) {
        self.revision = revision
        self.prefix = prefix
        do {
            snapshot = try repository.snapshot(of: revision, under: Self.join(prefix, "clusters"), maxBlobBytes: maxBlobBytes)
        } catch {
            throw SourceError(code: .git(error.code), message: error.message, cause: error.cause)
        }
        commit = snapshot.commit
    }

    /// A source over a snapshot already read (``GitRepository/snapshots(of:_:under:maxBlobBytes:)``).
    public init(snapshot: GitTreeSnapshot, revision: String, prefix: String) {
        self.revision = revision
        self.prefix = prefix
        self.snapshot = snapshot
        commit = snapshot.commit
    }

    public func displayPath(_ path: String) -> String { path }

    public func entries(in directory: String) throws(SourceError) -> [SourceEntry]? {
        guard let resolved = resolve(directory), let entries = snapshot.entries(in: resolved) else { return nil }
        return entries.map { entry in
            // The snapshot decodes names lossily: a U+FFFD stands for bytes that were not UTF-8.
            entry.name.unicodeScalars.contains("\u{FFFD}")
                ? SourceEntry(name: entry.name, kind: .undecodableName) : SourceEntry(name: entry.name, kind: kind(of: entry))
        }
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        guard let resolved = resolve(path), let contents = snapshot.file(at: resolved) else {
            throw SourceError(code: .notFound, message: "'\(path)' is not a file at revision \(revision)")
        }
        switch contents {
        case .bytes(let bytes): return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
        case .tooLarge(let size): return .tooLarge(size: size)
        }
    }

    /// A link is followed (through further links) only inside the tree; it counts as what it leads to.
    private func kind(of entry: GitTreeEntry) -> SourceEntryKind {
        guard case .symlink(let target) = entry.kind else { return Self.kind(entry.kind) }
        guard follow(link: entry.path, target: target) != nil else { return .linkOutside(target: target) }
        guard let resolved = resolveSnapshotPath(entry.path) else {
            return .other(what: "a symbolic link that loops or leads out of the tree")
        }
        guard let followed = snapshot.entry(at: resolved) else { return .other(what: "a symbolic link that leads nowhere (dangling)") }
        switch Self.kind(followed.kind) {
        case .other(let what): return .other(what: "a symbolic link to " + what)
        case let kind: return kind
        }
    }

    private static func kind(_ kind: GitTreeEntryKind) -> SourceEntryKind {
        switch kind {
        case .directory: .directory
        case .file: .file
        case .submodule: .other(what: "a git submodule")
        case .other(let mode): .other(what: "a git entry of mode \(String(mode, radix: 8))")
        case .symlink: .other(what: "a symbolic link")
        }
    }

    /// The snapshot path for a configuration path, following links inside the tree.
    private func resolve(_ path: String) -> String? { resolveSnapshotPath(Self.join(prefix, path)) }

    /// Follows links from a snapshot path while they stay inside the tree; nil when one leads out or they loop.
    private func resolveSnapshotPath(_ path: String) -> String? {
        var current = path
        for _ in 0..<16 {
            guard case .symlink(let target)? = snapshot.entry(at: current)?.kind else { return current }
            guard let next = follow(link: current, target: target) else { return nil }
            current = next
        }
        return nil
    }

    /// Where a link points, if that stays below the snapshot's prefix.
    private func follow(link: String, target: String) -> String? {
        guard !target.hasPrefix("/") else { return nil }
        var parts = link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        let resolved = parts.joined(separator: "/")
        let root = snapshot.prefix
        return root.isEmpty || resolved == root || resolved.hasPrefix(root + "/") ? resolved : nil
    }

    /// `prefix/path`, or either alone when the other is empty.
    public static func join(_ prefix: String, _ path: String) -> String {
        prefix.isEmpty ? path : path.isEmpty ? prefix : prefix + "/" + path
    }
}
