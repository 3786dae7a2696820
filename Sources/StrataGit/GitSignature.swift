import CLibGit2

/// A name and e-mail address, as in a commit's author or committer.
public struct GitSignature: Sendable, Hashable, CustomStringConvertible {
    /// The person's name.
    public var name: String
    /// The person's e-mail address.
    public var email: String

    /// Creates a signature.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// The `Name <email>` form git prints.
    public var description: String { "\(name) <\(email)>" }

    /// Parses `Name <email>` (the form of `git commit --author`).
    public static func parse(_ text: String) throws(GitError) -> GitSignature {
        let invalid = GitError(
            code: .invalidSignature, message: "invalid author '\(text)'",
            cause: "expected 'Name <email>'")
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasSuffix(">"), let open = trimmed.firstIndex(of: "<") else { throw invalid }
        let name = trimmed[..<open].trimmingWhitespace()
        let email = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)].trimmingWhitespace()
        let forbidden: Set<Character> = ["<", ">", "\n", "\r", "\0"]
        guard !name.isEmpty, !email.isEmpty, !name.contains(where: forbidden.contains),
            !email.contains(where: forbidden.contains)
        else { throw invalid }
        return GitSignature(name: name, email: email)
    }

    /// Reads a libgit2 signature (an empty value when there is none).
    init(_ signature: UnsafePointer<git_signature>?) {
        self.init(
            name: signature?.pointee.name.map { String(cString: $0) } ?? "",
            email: signature?.pointee.email.map { String(cString: $0) } ?? "")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
