/// Canonical JSON written straight into a byte buffer: the same bytes as ``JSON/rendered(pretty:)`` would give
/// for the same value, without building a ``JSON`` tree or a `String` first (`show --all` writes a fleet's
/// configurations this way, flushing `bytes` after each machine).
public struct JSONWriter: Sendable {
    /// The output so far; the caller takes it (and empties it) whenever it wants to flush.
    public var bytes: [UInt8] = []
    /// When set, `bytes` is moved to ``pieces`` whenever it has reached this size between two items of a list, so
    /// that a large value is held in pieces of about that size and never in one buffer doubling as it grows.
    public var pieceSize: Int?
    /// The pieces moved out of `bytes` (``pieceSize``); the output is `pieces` followed by `bytes`.
    public var pieces: [[UInt8]] = []
    /// A writer; `capacity` bytes are reserved up front.
    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends bytes already in JSON form (a cached rendering, punctuation).
    public mutating func raw(_ text: some Sequence<UInt8>) { bytes.append(contentsOf: text) }

    /// Appends ASCII punctuation or a literal.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A line feed and `indent` levels of two spaces; nothing when compact (`indent` nil).
    public mutating func newline(_ indent: Int?) {
        guard let indent else { return }
        bytes.append(10)
        bytes.append(contentsOf: repeatElement(32, count: indent * 2))
    }

    /// `"key": ` (the space only when pretty).
    public mutating func key(_ name: String, pretty: Bool) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    /// A quoted, escaped string (quotes, backslashes, controls and the terminal-unsafe Unicode characters).
    public mutating func string(_ text: String) { Self.escape(text, into: &bytes) }

    /// A value in its canonical JSON (durations as seconds, secrets as references), nested `indent` levels deep.
    public mutating func value(_ value: Value, indent: Int?) {
        switch value.kind {
        case .string(let text): string(text)
        case .integer(let number), .duration(let number): bytes.append(contentsOf: String(number).utf8)
        case .boolean(let flag): flag ? raw("true") : raw("false")
        case .secret(let reference):
            raw("{")
            newline(indent.map { $0 + 1 })
            key("secret", pretty: indent != nil)
            string(reference.description)
            newline(indent)
            raw("}")
        case .list(let items):
            if items.isEmpty { return raw("[]") }
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { raw(",") }
                newline(indent.map { $0 + 1 })
                self.value(item, indent: indent.map { $0 + 1 })
                if let pieceSize, bytes.count >= pieceSize {
                    pieces.append(bytes)
                    bytes = []
                    bytes.reserveCapacity(pieceSize + pieceSize / 4)
                }
            }
            newline(indent)
            raw("]")
        case .record(let fields):
            if fields.isEmpty { return raw("{}") }
            raw("{")
            for (index, field) in fields.enumerated() {
                if index > 0 { raw(",") }
                newline(indent.map { $0 + 1 })
                key(field.name, pretty: indent != nil)
                self.value(field.value, indent: indent.map { $0 + 1 })
            }
            newline(indent)
            raw("}")
        }
    }

    /// Escapes quotes, backslashes and control characters; copies runs that need no escaping in one go.
    static func escape(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 else {
                    index += 1
                    continue
                }
                let length = byte >= 0x80 ? terminalUnsafeLength(utf8, at: index) : 1
                guard length > 0 else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: out.append(contentsOf: [92, 34])
                case 0x5C: out.append(contentsOf: [92, 92])
                case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
                case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
                case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
                default: unicodeEscape(scalar(utf8, at: index, length: length), into: &out)
                }
                index += length
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The length of the UTF-8 sequence at `index` when it encodes a character a terminal must not see raw and
    /// JSON leaves alone (C1 controls U+0080–U+009F, the line and paragraph separators U+2028/U+2029, the
    /// bidirectional controls U+202A–U+202E and U+2066–U+2069), else 0. Written as `\uXXXX`, which every JSON
    /// reader turns back into the same character, such output is both valid JSON and safe on a terminal, so
    /// the console's last line of defence (whose `\u{…}` form is not JSON) finds nothing to escape.
    private static func terminalUnsafeLength(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let next = index + 1 < utf8.count ? utf8[index + 1] : 0
        if utf8[index] == 0xC2 { return (0x80...0x9F).contains(next) ? 2 : 0 }
        guard index + 2 < utf8.count else { return 0 }
        let last = utf8[index + 2]
        if next == 0x80 && (0xA8...0xAE).contains(last) { return 3 }
        if next == 0x81 && (0xA6...0xA9).contains(last) { return 3 }
        return 0
    }

    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> UInt32 {
        switch length {
        case 2: UInt32(utf8[index] & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
        case 3: UInt32(utf8[index] & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
        default: UInt32(utf8[index])
        }
    }

    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        out.append(contentsOf: [92, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
