/// Bounds that keep hostile YAML from exhausting time or memory.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes a document may expand to once aliases are followed (the alias-bomb bound).
    public var maxExpandedNodes: Int

    /// Creates limits.
    public init(maxFileBytes: Int = 32 << 20, maxDepth: Int = 64, maxExpandedNodes: Int = 10_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// The limits used unless a caller says otherwise.
    public static let standard = YAMLLimits()
}
