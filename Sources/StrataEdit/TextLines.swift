/// Line arithmetic on a file's bytes, for splicing whole lines.
enum TextLines {
    static let newline = UInt8(ascii: "\n")

    /// The offset of the first byte of the line holding `offset`.
    static func lineStart(_ bytes: [UInt8], _ offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > 0, bytes[index - 1] != newline { index -= 1 }
        return index
    }

    /// The offset just past the line break ending the line that holds `offset` (the file's end when none).
    static func lineEnd(_ bytes: [UInt8], _ offset: Int) -> Int {
        var index = max(0, offset)
        while index < bytes.count, bytes[index] != newline { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// The offset just past the last byte of content before `end`: libyaml ends some nodes (block
    /// scalars) after their trailing line breaks and the next line's indentation.
    static func contentEnd(_ bytes: [UInt8], _ end: Int) -> Int {
        var index = min(end, bytes.count)
        while index > 0, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), newline].contains(bytes[index - 1]) { index -= 1 }
        return index
    }

    /// The last byte of content of a node: where its lines end.
    static func lastContentByte(_ bytes: [UInt8], of node: ByteRange) -> Int { max(contentEnd(bytes, node.upperBound) - 1, node.lowerBound) }

    /// `text` with `prefix` before every line that is not empty.
    static func indent(_ text: String, by prefix: String) -> String {
        guard !prefix.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }
            .joined(separator: "\n")
    }
}

typealias ByteRange = Range<Int>
