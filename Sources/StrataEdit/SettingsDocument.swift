import StrataCatalogue
import StrataModel
import StrataYAML

/// One mode's file as bytes and its YAML tree with byte spans: the features under `settings:` can be
/// removed or written by splicing whole lines, leaving every other byte as it was.
struct SettingsDocument {
    let path: String
    let bytes: [UInt8]
    let root: YAMLNode

    /// Parses `bytes`; nil when the file is not a YAML mapping (the compiler has reported it already).
    init?(path: String, bytes: [UInt8]) {
        var diagnostics = Diagnostics()
        guard let root = YAMLParser.parse(bytes, file: path, diagnostics: &diagnostics), root.mappingEntries != nil else { return nil }
        self.path = path
        self.bytes = bytes
        self.root = root
    }

    /// The top-level `settings:` entry.
    var settings: YAMLEntry? { root.mappingEntries?.first { $0.keyText == "settings" } }

    /// The entry of `feature` under `settings:`.
    func entry(_ feature: String) -> YAMLEntry? { settings?.value.mappingEntries?.first { $0.keyText == feature } }

    /// The whole lines an entry of a block mapping occupies: from its key's line to its value's last line.
    private func lines(of entry: YAMLEntry) throws(EditProblem) -> ByteRange {
        guard let key = entry.key.span.range, let value = entry.value.span.range else { throw EditProblem("no position for '\(entry.keyText ?? "")'", file: path) }
        return TextLines.lineStart(bytes, key.lowerBound)..<TextLines.lineEnd(bytes, TextLines.lastContentByte(bytes, of: value))
    }

    /// Refuses a `settings:` written in flow style (`{a: 1}`): its entries do not have lines of their own.
    private func blockSettings() throws(EditProblem) -> YAMLEntry? {
        guard let settings else { return nil }
        guard let entries = settings.value.mappingEntries else { throw EditProblem("'settings' in \(path) is not a mapping", file: path) }
        if !entries.isEmpty, let range = settings.value.span.range, bytes[range.lowerBound] == UInt8(ascii: "{") {
            throw EditProblem("'settings' in \(path) is written in flow style ({...}); rewrite it as a block mapping to edit it", file: path)
        }
        return settings
    }

    /// The file without `feature`'s lines; a `settings:` left empty becomes `settings: {}`.
    func removing(_ feature: String) throws(EditProblem) -> [UInt8] {
        guard let settings = try blockSettings(), let entry = entry(feature) else { return bytes }
        if settings.value.mappingEntries?.count == 1, let key = settings.key.span.range {
            let end = try lines(of: entry).upperBound
            return Array(bytes[..<key.upperBound]) + Array(": {}\n".utf8) + Array(bytes[end...])
        }
        let range = try lines(of: entry)
        return Array(bytes[..<range.lowerBound]) + Array(bytes[range.upperBound...])
    }

    /// The file with `feature` set to `value` (emitted by libyaml in the file's indentation): its lines
    /// replaced when it is configured, otherwise inserted after the features that come before it in the catalogue.
    func setting(_ feature: String, to value: YAMLOutput) throws(EditProblem) -> [UInt8] {
        guard let settings = try blockSettings() else {
            var head = bytes
            if let last = head.last, last != TextLines.newline { head.append(TextLines.newline) }
            return head + Array(("settings:\n" + (try emit(feature, value, column: 2, step: 2))).utf8)
        }
        let entries = settings.value.mappingEntries ?? []
        guard let first = entries.first else {
            // `settings: {}`: the block goes on the lines below, any comment after `{}` stays on its line.
            let valueRange = settings.value.span.range ?? 0..<0
            var head = Array(bytes[..<valueRange.lowerBound])
            while head.last == UInt8(ascii: " ") { head.removeLast() }
            let restEnd = TextLines.lineEnd(bytes, valueRange.upperBound)
            var rest = Array(bytes[valueRange.upperBound..<restEnd])
            if rest.last != TextLines.newline { rest.append(TextLines.newline) }
            let column = Int(settings.key.mark.column - 1) + 2
            return head + rest + Array(try emit(feature, value, column: column, step: 2).utf8) + Array(bytes[restEnd...])
        }
        let column = Int(first.key.mark.column - 1)
        let step = max(column - Int(settings.key.mark.column - 1), 1)
        let text = Array(try emit(feature, value, column: column, step: step).utf8)
        if let existing = entry(feature) {
            let range = try lines(of: existing)
            return Array(bytes[..<range.lowerBound]) + text + Array(bytes[range.upperBound...])
        }
        let order = Catalogue.names.firstIndex(of: feature) ?? Int.max
        let before = entries.last { (Catalogue.names.firstIndex(of: $0.keyText ?? "") ?? Int.max) < order }
        let offset: Int
        if let before {
            offset = try lines(of: before).upperBound
        } else if let key = settings.key.span.range {
            offset = TextLines.lineEnd(bytes, key.lowerBound)
        } else {
            throw EditProblem("no position for 'settings' in \(path)", file: path)
        }
        var head = Array(bytes[..<offset])
        if let last = head.last, last != TextLines.newline { head.append(TextLines.newline) }
        return head + text + Array(bytes[offset...])
    }

    /// `feature: value` as libyaml writes it, every line indented to `column`, ending with a line break.
    private func emit(_ feature: String, _ value: YAMLOutput, column: Int, step: Int) throws(EditProblem) -> String {
        guard var text = YAMLWriter.emit(.mapping([(feature, value)]), indent: step) else {
            throw EditProblem("libyaml could not write the value of '\(feature)'", file: path)
        }
        if text.hasSuffix("...\n") { text.removeLast(4) }
        if !text.hasSuffix("\n") { text += "\n" }
        return TextLines.indent(text, by: String(repeating: " ", count: column))
    }
}
