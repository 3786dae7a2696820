/// What a `<!-- doctest: ... -->` comment above a console block says about running it.
///
/// One line of `key=value` words (a value with spaces in double quotes), then optionally shell lines up to
/// `-->`, run silently in the scratch directory before the block. Docs/README.md documents the syntax.
struct DocHeader: Equatable, Sendable {
    /// Project paths copied into the scratch directory, at the same relative path.
    var copies: [String] = []
    /// Where the commands run, relative to the scratch directory.
    var directory: String?
    /// Variables added to the runner's environment.
    var environment: [String: String] = [:]
    /// The exit status of each command; one value applies to all of them.
    var statuses: [Int32] = []
    /// Why the block cannot run here; a skipped block is counted and its reason printed.
    var skipReason: String?
    /// Shell lines run before the block (creating files, git history); they must succeed.
    var setup: [String] = []

    /// Without a header, a block runs beside a copy of the Americas example.
    static let standard = DocHeader(copies: ["examples/americas"])

    /// The status command `index` (0-based) of a block must exit with.
    func expectedStatus(of index: Int) -> Int32 {
        if statuses.isEmpty { return 0 }
        return statuses.count == 1 ? statuses[0] : (index < statuses.count ? statuses[index] : 0)
    }

    /// Parses the words after `doctest:`; throws on an unknown key, so a typo never changes what runs.
    static func parse(words text: String, setup: [String]) throws -> DocHeader {
        var header = DocHeader(setup: setup)
        var copies: [String] = []
        var skip = false
        var reason: String?
        for word in try split(text) {
            let (key, value) = word.firstIndex(of: "=").map {
                (String(word[..<$0]), String(word[word.index(after: $0)...]))
            } ?? (word, "")
            switch key {
            case "repo": copies.append(value)
            case "cwd": header.directory = value
            case "env":
                guard let equals = value.firstIndex(of: "=") else { throw DocTestError("env needs NAME=VALUE: \(word)") }
                header.environment[String(value[..<equals])] = String(value[value.index(after: equals)...])
            case "status":
                let parts = value.split(separator: ",", omittingEmptySubsequences: false)
                let codes = parts.compactMap { Int32($0) }
                guard !codes.isEmpty, codes.count == parts.count else { throw DocTestError("status needs numbers: \(word)") }
                header.statuses = codes
            case "skip": skip = true
            case "reason": reason = value
            default: throw DocTestError("unknown doctest key '\(key)'")
            }
        }
        guard skip == (reason != nil), reason?.isEmpty != true else {
            throw DocTestError("a skipped block needs skip and a non-empty reason=\"...\", one without the other is a mistake")
        }
        header.skipReason = reason
        // `repo=none` asks for an empty scratch directory; no repo= at all means the Americas example.
        header.copies = copies.isEmpty ? DocHeader.standard.copies : copies.filter { $0 != "none" }
        return header
    }

    /// Splits on spaces, keeping double-quoted parts (the quotes removed) together.
    private static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle(); continue }
            if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if quoted { throw DocTestError("unbalanced quote in: \(text)") }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// A problem with the manual itself (a malformed header, a block that cannot be parsed).
struct DocTestError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}
