public import StrataLoad

/// A source that reads like `base`, except for the files given here: the edited repository, compiled in
/// memory before anything is written.
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
        try base.entries(in: directory)
    }

    public func read(_ path: String, limit: Int) throws(SourceError) -> FileContents {
        guard let bytes = files[path] else { return try base.read(path, limit: limit) }
        return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
    }
}
