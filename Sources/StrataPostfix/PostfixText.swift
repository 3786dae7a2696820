import StrataModel

/// Guards for text copied from the configuration into Postfix files: a newline or a space in the
/// wrong place would add a parameter, a table row or a restriction nobody wrote (injection).
enum PostfixText {
    /// One word: no whitespace, control characters or commas, not starting with `#`.
    static func token(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> String {
        let bad = text.isEmpty || text.hasPrefix("#") || text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || $0 == ","
        }
        if bad { throw node.failure("'\(text)' cannot be written to a Postfix file: it must be one word without spaces or commas") }
        return text
    }

    /// A name used in file and service names: letters, digits, `_`, `-` and `.`, not starting with `.`.
    static func fileName(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> String {
        let allowed = !text.isEmpty && !text.hasPrefix(".") && text.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-" || $0 == "."
        }
        if !allowed { throw node.failure("'\(text)' cannot name a Postfix file or service: use letters, digits, '_', '-' and '.'") }
        return text
    }

    /// A single line (LDAP filters, DNs): no control characters, no leading or trailing space.
    static func line(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> String {
        let bad = text.isEmpty || text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        if bad { throw node.failure("'\(text)' cannot be written to a Postfix file: it must be one line of text") }
        return text
    }

    /// `myhostname`: the `hostname` feature, else the machine name. Postfix refuses an address there
    /// ("bad parameter value", fatal at `postfix check`), so a machine known only by its address must configure one.
    static func hostname(_ node: SettingNode?, machine: String) throws(PostfixRenderError) -> String {
        let node = node ?? SettingNode(json: .string(machine), feature: "hostname", path: "hostname")
        let name = try token(try node.text(), node)
        guard !NameRules.isIPAddress(name), NameRules.isHostName(name) else {
            throw node.failure("Postfix needs a host name for myhostname, not '\(name)': configure hostname for this machine")
        }
        return name
    }

    /// A path of the layout: absolute, one word (it appears inside `-o` values and table references).
    static func layoutPath(_ text: String, parameter: String) throws(PostfixRenderError) -> String {
        let bad = !text.hasPrefix("/") || text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || $0 == "," || $0 == ":"
        }
        if bad {
            throw PostfixRenderError(
                feature: "backend", path: parameter, message: "'\(text)' must be an absolute path without spaces, commas or colons")
        }
        return text
    }
}
