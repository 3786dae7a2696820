import StrataModel

/// Reads the canonical JSON strictly: a missing or mistyped field is a ``KeepalivedRenderError`` naming
/// its Strata path (the agent's 422).
struct FailoverReader {
    let json: JSON
    let path: String

    func failure(_ message: String, at path: String? = nil) -> KeepalivedRenderError {
        KeepalivedRenderError(path: path ?? self.path, message: message)
    }

    func child(_ key: String) -> FailoverReader? {
        guard let value = json[key], value != .null else { return nil }
        return FailoverReader(json: value, path: "\(path).\(key)")
    }

    func required(_ key: String) throws(KeepalivedRenderError) -> FailoverReader {
        guard let node = child(key) else { throw failure("missing field '\(key)'", at: "\(path).\(key)") }
        return node
    }

    func text() throws(KeepalivedRenderError) -> String {
        guard let text = json.stringValue else { throw failure("must be a string") }
        return text
    }

    func string(_ key: String) throws(KeepalivedRenderError) -> String { try required(key).text() }

    func int(_ key: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws(KeepalivedRenderError) -> Int {
        guard let node = child(key) else {
            if let fallback { return fallback }
            throw failure("missing field '\(key)'", at: "\(path).\(key)")
        }
        guard let number = node.json.intValue else { throw failure("must be an integer", at: node.path) }
        guard range.contains(number) else { throw failure("\(number) is outside \(range.lowerBound)-\(range.upperBound)", at: node.path) }
        return number
    }

    func bool(_ key: String, default fallback: Bool) throws(KeepalivedRenderError) -> Bool {
        guard let node = child(key) else { return fallback }
        guard case .bool(let flag) = node.json else { throw failure("must be a boolean", at: node.path) }
        return flag
    }

    /// The items of a list; `keyField` names each item in paths (`listeners[IncomingMail]`), else its index.
    func items(keyField: String? = nil) throws(KeepalivedRenderError) -> [FailoverReader] {
        guard case .array(let values) = json else { throw failure("must be a list") }
        return values.enumerated().map { index, value in
            let key = keyField.flatMap { value[$0]?.stringValue } ?? String(index)
            return FailoverReader(json: value, path: "\(path)[\(key)]")
        }
    }

    /// One word keepalived reads as a single token: no spaces, quotes, braces or comment characters.
    static func word(_ text: String, _ node: FailoverReader) throws(KeepalivedRenderError) -> String {
        let bad = text.isEmpty || text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "\"'{}#!\\".unicodeScalars.contains($0)
        }
        if bad { throw node.failure("'\(text)' cannot be written to keepalived.conf: it must be one word without quotes, braces, '#' or '!'") }
        return text
    }
}
