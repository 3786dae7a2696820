public import StrataLoad

/// A repository held in memory: what a fuzz input unpacks to, so that every input is loaded exactly as a
/// working tree would be, without touching the disk.
public struct InMemorySource: ConfigSource {
    /// File contents by repository-relative path (`clusters/a/cluster.yaml`).
    public let files: [String: [UInt8]]

    /// Creates a source from paths and contents.
    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    public func displayPath(_ path: String) -> String { path }

    public func entries(in directory: String) throws(SourceError) -> [SourceEntry]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var kinds: [String: SourceEntryKind] = [:]
        for path in files.keys where path.hasPrefix(prefix) && path.count > prefix.count {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                kinds[String(rest[..<slash])] = .directory
            } else if kinds[String(rest)] == nil {
                kinds[String(rest)] = .file
            }
        }
        if kinds.isEmpty && !directory.isEmpty { return nil }
        return kinds.map { SourceEntry(name: $0.key, kind: $0.value) }.sorted { $0.name < $1.name }
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        guard let bytes = files[path] else {
            throw SourceError(code: "read-failed", message: "cannot open '\(path)'", cause: "no such file")
        }
        return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
    }
}
