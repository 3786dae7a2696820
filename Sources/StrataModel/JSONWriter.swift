/// Canonical JSON written straight into a byte buffer: the same bytes as ``JSON/rendered(pretty:)`` would give
/// for the same value, without building a ``JSON`` tree or a `String` first (`show --all` writes a fleet's
/// configurations this way, flushing `bytes` after each machine).
public struct JSONWriter: Sendable {
    /// The output so far; the caller takes it (and empties it) whenever it wants to flush.
    public var bytes: [UInt8] = []
    /// Whether strings also get the escapes human output gets (``TerminalText``) for the Unicode controls JSON
    /// leaves alone (C1, line and paragraph separators, bidirectional overrides), as the console applies them.
    public let terminalSafe: Bool

    /// A writer; `capacity` bytes are reserved up front.
    public init(capacity: Int = 1 << 16, terminalSafe: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.terminalSafe = terminalSafe
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

    /// A quoted, escaped string.
    public mutating func string(_ text: String) {
        guard terminalSafe, text.utf8.contains(where: { $0 >= 0x80 }),
              text.unicodeScalars.contains(where: TerminalText.needsEscape)
        else {
            Self.escape(text, into: &bytes)
            return
        }
        var escaped: [UInt8] = []
        Self.escape(text, into: &escaped)
        bytes.append(contentsOf: TerminalText.escape(String(decoding: escaped, as: UTF8.self)).utf8)
    }

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
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: out.append(contentsOf: [92, 34])
                case 0x5C: out.append(contentsOf: [92, 92])
                case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
                case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
                case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
                default: out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
