/// A configuration repository held in memory: paths (`clusters/a/cluster.yaml`) to bytes.
///
/// For fuzzing and tests that load and compile without touching the disk; directories are
/// implied by the files' paths.
public struct InMemorySource: ConfigSource {
    private let files: [String: [UInt8]]
    private let directories: [String: Set<String>]

    /// Creates a source from file paths relative to the repository root, `/`-separated.
    public init(files: [String: [UInt8]]) {
        self.files = files
        var directories: [String: Set<String>] = ["": []]
        for path in files.keys {
            let parts = path.split(separator: "/").map(String.init)
            for index in parts.indices {
                directories[parts[..<index].joined(separator: "/"), default: []].insert(parts[index])
            }
        }
        self.directories = directories
    }

    public func displayPath(_ path: String) -> String { path }

    public func entries(in directory: String) throws(SourceError) -> [SourceEntry]? {
        guard let names = directories[directory] else { return nil }
        return names.sorted().map { name in
            let path = directory.isEmpty ? name : directory + "/" + name
            return SourceEntry(name: name, kind: files[path] != nil ? .file : .directory)
        }
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        guard let bytes = files[path] else { throw SourceError(code: .notFound, message: "'\(path)' is not a file") }
        return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
    }
}
