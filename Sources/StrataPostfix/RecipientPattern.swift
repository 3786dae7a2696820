/// A RAT row's `recipient` as check_recipient_access looks it up.
enum RecipientPattern: Hashable {
    case all
    case address(String)
    /// `user@`: any domain.
    case localPart(String)
    /// `example.com`, or `.example.com` for its subdomains.
    case domain(String)

    static func parse(_ text: String, _ node: SettingNode) throws(PostfixRenderError) -> RecipientPattern {
        if text == "ALL" { return .all }
        let word = try PostfixText.token(text, node).lowercased()
        guard let at = word.lastIndex(of: "@") else { return .domain(word) }
        return word.index(after: at) == word.endIndex ? .localPart(word) : .address(word)
    }

    var key: String {
        switch self {
        case .all: return "ALL"
        case .address(let text), .localPart(let text), .domain(let text): return text
        }
    }

    /// The domain relay_domains must list for an accepted recipient (nil for `ALL` and `user@`).
    var domain: String? {
        switch self {
        case .domain(let text): return text
        case .address(let text): return text.lastIndex(of: "@").map { String(text[text.index(after: $0)...]) }
        case .all, .localPart: return nil
        }
    }

    /// Whether an earlier row with this pattern matches every recipient `other` matches, making it
    /// unreachable in AsyncOS's first-match order (Postfix would look the more specific key up first).
    func covers(_ other: RecipientPattern) -> Bool {
        switch (self, other) {
        case (.localPart(let mine), .localPart(let theirs)): return mine == theirs
        case (.localPart(let mine), .address(let theirs)): return theirs.hasPrefix(mine)
        case (.domain(let mine), _):
            guard let theirs = other.domain else { return false }
            return mine == theirs || (mine.hasPrefix(".") && ("." + theirs).hasSuffix(mine) && theirs != String(mine.dropFirst()))
        case (.address(let mine), .address(let theirs)): return mine == theirs
        default: return false
        }
    }
}
