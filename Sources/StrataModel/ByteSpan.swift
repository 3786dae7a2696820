/// Where a node lies in its file as byte offsets: `start` is its first byte, `end` one past its last.
///
/// Editors splice files with these (StrataEdit); 32-bit offsets keep nodes small, and no file the
/// parser accepts comes near 2 GiB.
public struct ByteSpan: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int32
    /// Offset one past the last byte. For a block mapping or sequence, the end of its last item.
    public var end: Int32

    /// Creates a span.
    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }

    /// No position known (nodes built in code).
    public static let unknown = ByteSpan(start: -1, end: -1)

    /// The span as a range of offsets, nil when unknown.
    public var range: Range<Int>? { start >= 0 && end >= start ? Int(start)..<Int(end) : nil }
}
