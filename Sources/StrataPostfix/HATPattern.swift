import StrataModel

/// A HAT row's `match` as Postfix can look it up: cidr tables hold addresses and networks,
/// texthash tables host names and `.domain` patterns; `ALL` ends the table.
enum HATPattern: Hashable {
    case all
    case network(String)
    case host(String)

    /// Reads a `match`; address ranges (`10.1.1.2-10`) have no Postfix form and are refused.
    static func parse(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> HATPattern {
        if text == "ALL" { return .all }
        if NameRules.isIPAddress(text) { return .network(text) }
        if let network = IPText.network(text) ?? IPText.partialIPv4(text) { return .network(network) }
        let domain = text.hasPrefix(".") ? String(text.dropFirst()) : text
        // `10.1.1.2-10` is a valid host name to the letter; a name needs a letter somewhere (no numeric TLD).
        if NameRules.isHostName(domain), domain.contains(where: \.isLetter) { return .host(text.lowercased()) }
        throw node.failure(
            "HAT match '\(text)' is not an address, a CIDR block, a host name, a .domain or ALL "
                + "(address ranges have no Postfix form: write CIDR blocks)")
    }

    /// The table key.
    var key: String {
        switch self {
        case .all: return "ALL"
        case .network(let text), .host(let text): return text
        }
    }

    /// Whether an earlier row with this pattern matches every client a later `other` row matches,
    /// which makes `other` unreachable (first match wins in AsyncOS; texthash prefers the most specific key).
    func covers(_ other: HATPattern) -> Bool {
        guard case .host(let mine) = self, case .host(let theirs) = other else { return false }
        return mine == theirs || (mine.hasPrefix(".") && theirs.hasSuffix(mine))
    }
}
