/// The part of a commit's tree below a prefix, read fully into plain values.
public struct GitTreeSnapshot: Sendable, Hashable {
    /// The commit the tree belongs to.
    public let commit: GitCommit
    /// The directory the snapshot covers, relative to the repository root (empty for the whole tree).
    public let prefix: String
    /// Whether the prefix is a directory in that commit; when false the snapshot is empty.
    public let prefixExists: Bool
    /// Every entry below the prefix, depth first in git's tree order.
    public let allEntries: [GitTreeEntry]

    private let indexByPath: [String: Int]
    private let childrenByDirectory: [String: [Int]]

    /// Creates a snapshot from its entries.
    public init(commit: GitCommit, prefix: String, prefixExists: Bool, entries: [GitTreeEntry]) {
        self.commit = commit
        self.prefix = prefix
        self.prefixExists = prefixExists
        self.allEntries = entries
        var indexByPath: [String: Int] = [:]
        var childrenByDirectory: [String: [Int]] = prefixExists ? [prefix: []] : [:]
        for (index, entry) in entries.enumerated() {
            indexByPath[entry.path] = index
            if entry.kind == .directory, childrenByDirectory[entry.path] == nil { childrenByDirectory[entry.path] = [] }
            childrenByDirectory[Self.parent(of: entry.path), default: []].append(index)
        }
        self.indexByPath = indexByPath
        self.childrenByDirectory = childrenByDirectory.mapValues { indices in
            indices.sorted { entries[$0].name < entries[$1].name }
        }
    }

    /// The entries of a directory (the prefix or one below it), sorted by name; nil when there is no such directory.
    public func entries(in directory: String) -> [GitTreeEntry]? {
        childrenByDirectory[Self.normalised(directory)].map { indices in indices.map { allEntries[$0] } }
    }

    /// The entry at a path below the prefix, if any.
    public func entry(at path: String) -> GitTreeEntry? {
        indexByPath[Self.normalised(path)].map { allEntries[$0] }
    }

    /// The contents of the regular file at `path`; nil when there is no file there.
    public func file(at path: String) -> GitBlobContents? {
        guard case .file(let contents, _)? = entry(at: path)?.kind else { return nil }
        return contents
    }

    /// A path without leading or trailing `/`.
    static func normalised(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
