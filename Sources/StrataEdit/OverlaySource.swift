public import StrataLoad

/// A source that reads like `base`, except for the files given here (edited or new): the edited
/// repository, compiled in memory before anything is written.
public struct OverlaySource: ConfigSource {
    private let base: any ConfigSource
    private let files: [String: [UInt8]]

    /// Creates an overlay of `files` (paths relative to the repository, as `base` reads them) on `base`.
    public init(base: any ConfigSource, files: [String: [UInt8]]) {
        self.base = base
        self.files = files
    }

    public func displayPath(_ path: String) -> String { base.displayPath(path) }

    public func entries(in directory: String) throws(SourceError) -> [SourceEntry]? {
        var entries = try base.entries(in: directory)
        let prefix = directory.isEmpty ? "" : directory + "/"
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            let name = String(rest.prefix { $0 != "/" })
            guard !(entries ?? []).contains(where: { $0.name == name }) else { continue }
            entries = ((entries ?? []) + [SourceEntry(name: name, kind: rest.contains("/") ? .directory : .file)]).sorted { $0.name < $1.name }
        }
        return entries
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        guard let bytes = files[path] else { return try base.read(path, limit: limit) }
        return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
    }
}
