/// Text from data (agents' answers, file names, YAML values) made safe to print for a person: every control
/// character is shown as an escape, so nothing read can move the cursor, retitle the terminal, clear the screen
/// or start a fake line of output. Line feed, carriage return and tab become `\n`, `\r`, `\t`; the other C0
/// controls and DEL become `\x1b`-style escapes; C1 controls, the line and
/// paragraph separators and the bidirectional overrides become `\u{202e}`-style escapes. Backslashes are left
/// alone (values such as regular expressions stay readable).
public enum TerminalText {
    /// What may pass through unescaped.
    public struct Allowance: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        /// Creates an allowance.
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Line feeds (multi-line messages); every other control still escaped.
        public static let lineFeeds = Allowance(rawValue: 1)
        /// Tabs.
        public static let tabs = Allowance(rawValue: 2)
        /// The SGR colour sequences the CLI's own styles emit (`ESC [ digits/; m`); any other escape sequence
        /// is still escaped.
        public static let colours = Allowance(rawValue: 4)
    }

    /// `text` with every control character escaped, line feeds and tabs included: one value, one line.
    public static func escape(_ text: some StringProtocol) -> String { escape(text, allowing: []) }

    /// `text` with every control character escaped except those `allowed`.
    public static func escape(_ text: some StringProtocol, allowing allowed: Allowance) -> String {
        let passes = { (scalar: Unicode.Scalar) in
            !needsEscape(scalar) || scalar == "\n" && allowed.contains(.lineFeeds) || scalar == "\t" && allowed.contains(.tabs)
        }
        guard !text.unicodeScalars.allSatisfy(passes) else { return String(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if passes(scalar) {
                out.append(scalar)
                index += 1
            } else if scalar == "\u{1B}" && allowed.contains(.colours), let end = colourSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
            } else {
                out.append(contentsOf: escaped(scalar).unicodeScalars)
                index += 1
            }
        }
        return String(out)
    }

    /// Whether a scalar is shown as an escape (when not allowed).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: break
        }
        let hex = String(scalar.value, radix: 16)
        if scalar.value < 0x80 { return "\\x" + (hex.count == 1 ? "0" : "") + hex }
        return "\\u{" + hex + "}"
    }

    /// The index of the `m` ending `ESC [ (digit | ;)* m` starting at `start`, if that is what is there.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, index - start < 16 {
            let scalar = scalars[index]
            if scalar == "m" { return index }
            guard scalar == ";" || ("0"..."9").contains(scalar) else { return nil }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// This text with every control character escaped (``TerminalText/escape(_:)``): for one value on one line.
    public var terminalSafe: String { TerminalText.escape(self) }
}
