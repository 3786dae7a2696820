import StrataModel

/// A JSON value of the canonical configuration with its Strata path, read strictly: a missing or
/// mistyped field becomes a `PostfixRenderError` naming that path (the agent's 422).
struct SettingNode {
    let json: JSON
    let feature: String
    let path: String

    /// The top-level feature `name`, or nil when the configuration does not carry it.
    static func feature(_ name: String, of configuration: JSON) -> SettingNode? {
        guard let value = configuration[name], value != .null else { return nil }
        return SettingNode(json: value, feature: name, path: name)
    }

    func failure(_ message: String, at path: String? = nil) -> PostfixRenderError {
        PostfixRenderError(feature: feature, path: path ?? self.path, message: message)
    }

    func child(_ key: String) -> SettingNode? {
        guard let value = json[key], value != .null else { return nil }
        return SettingNode(json: value, feature: feature, path: "\(path).\(key)")
    }

    func required(_ key: String) throws(PostfixRenderError) -> SettingNode {
        guard let node = child(key) else { throw failure("missing field '\(key)'", at: "\(path).\(key)") }
        return node
    }

    func text() throws(PostfixRenderError) -> String {
        guard let text = json.stringValue else { throw failure("must be a string") }
        return text
    }

    func string(_ key: String) throws(PostfixRenderError) -> String { try required(key).text() }

    func optionalString(_ key: String) throws(PostfixRenderError) -> String? { try child(key)?.text() }

    func int(_ key: String) throws(PostfixRenderError) -> Int {
        guard let number = try required(key).json.intValue else { throw failure("must be an integer", at: "\(path).\(key)") }
        return number
    }

    func int(_ key: String, default fallback: Int) throws(PostfixRenderError) -> Int {
        child(key) == nil ? fallback : try int(key)
    }

    func bool(_ key: String, default fallback: Bool) throws(PostfixRenderError) -> Bool {
        guard let node = child(key) else { return fallback }
        guard case .bool(let flag) = node.json else { throw failure("must be a boolean", at: node.path) }
        return flag
    }

    /// The items of a list; `keyField` names each item in paths (`listeners[IncomingMail]`), else its index.
    func items(keyField: String? = nil) throws(PostfixRenderError) -> [SettingNode] {
        guard case .array(let values) = json else { throw failure("must be a list") }
        return values.enumerated().map { index, value in
            let key = keyField.flatMap { value[$0]?.stringValue } ?? String(index)
            return SettingNode(json: value, feature: feature, path: "\(path)[\(key)]")
        }
    }

    func list(_ key: String, keyField: String? = nil) throws(PostfixRenderError) -> [SettingNode] {
        guard let node = child(key) else { return [] }
        return try node.items(keyField: keyField)
    }

    /// A secret field: `{"secret": "env:NAME"}` in the canonical form.
    func secretReference(_ key: String) throws(PostfixRenderError) -> String? {
        guard let node = child(key) else { return nil }
        guard let reference = node.json["secret"]?.stringValue else { throw failure("must be a secret reference", at: node.path) }
        return reference
    }
}
