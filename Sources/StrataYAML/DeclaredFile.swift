public import StrataModel

/// One parsed configuration file: where it is and its YAML tree (nil when empty or unparsable).
public struct DeclaredFile: Sendable {
    /// The path as diagnostics show it.
    public var path: String
    /// The document's root node.
    public var root: YAMLNode?
    /// Whether the file parsed (an empty file parses to a nil root).
    public var parsed: Bool

    /// Creates a declared file.
    public init(path: String, root: YAMLNode?, parsed: Bool) {
        self.path = path
        self.root = root
        self.parsed = parsed
    }
}
