import Foundation

/// Compares the output a page shows with what the binary printed, with a few placeholders for what varies.
///
/// - a line that is only `...` (indentation allowed): any number of lines, none included;
/// - `[..]`: any text within one line;
/// - `[HASH]`: 7 to 64 hexadecimal digits (commits, config hashes);
/// - `[TIME]`: an RFC 3339 UTC timestamp such as `2026-12-01T15:23:33Z` (fractions allowed);
/// - `[DURATION]`: a number with a unit (`12ms`, `0.4s`, `3 s`);
/// - `[NUM]`: a decimal number;
/// - `[TMP]`: the block's scratch directory (the runner writes it so before comparing).
enum OutputPattern {
    static func matches(expected: [String], actual: [String]) -> Bool {
        let patterns = expected.map(Line.init)
        // reachable[i][j]: the first i pattern lines can match the first j output lines.
        var reachable = Array(repeating: Array(repeating: false, count: actual.count + 1), count: patterns.count + 1)
        reachable[0][0] = true
        for i in 0..<patterns.count {
            for j in 0...actual.count where reachable[i][j] {
                switch patterns[i] {
                case .anyLines:
                    for k in j...actual.count { reachable[i + 1][k] = true }
                case .line(let regex):
                    if j < actual.count && regex.matches(actual[j]) { reachable[i + 1][j + 1] = true }
                }
            }
        }
        return reachable[patterns.count][actual.count]
    }

    /// The output to write back when re-recording: what the binary printed, except that an expected line which
    /// still matches its printed line is kept (with its placeholders), when the two have the same number of lines
    /// and no `...`.
    static func rerecord(expected: [String], actual: [String]) -> [String] {
        guard expected.count == actual.count, !expected.contains(where: { $0.trimmingWhitespace == "..." }) else {
            return actual
        }
        return zip(expected, actual).map { matches(expected: [$0], actual: [$1]) ? $0 : $1 }
    }

    private static let tokens: [(key: String, regex: String)] = [
        ("[..]", ".*?"),
        ("[HASH]", "[0-9a-f]{7,64}"),
        ("[TIME]", "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z"),
        ("[DURATION]", "[0-9]+(\\.[0-9]+)? ?(ns|µs|us|ms|s|m|h)"),
        ("[NUM]", "[0-9]+(\\.[0-9]+)?"),
    ]

    private enum Line {
        case anyLines
        case line(LineRegex)

        init(_ text: String) {
            self = text.trimmingWhitespace == "..." ? .anyLines : .line(LineRegex(text))
        }
    }

    /// One expected line: literal text, or a regular expression when it holds a placeholder.
    private struct LineRegex {
        let literal: String
        let regex: NSRegularExpression?

        init(_ text: String) {
            literal = text
            guard OutputPattern.tokens.contains(where: { text.contains($0.key) }) else {
                regex = nil
                return
            }
            var pattern = "^"
            var rest = Substring(text)
            while !rest.isEmpty {
                if let token = OutputPattern.tokens.first(where: { rest.hasPrefix($0.key) }) {
                    pattern += token.regex
                    rest = rest.dropFirst(token.key.count)
                } else {
                    pattern += NSRegularExpression.escapedPattern(for: String(rest.removeFirst()))
                }
            }
            regex = try? NSRegularExpression(pattern: pattern + "$")
        }

        func matches(_ line: String) -> Bool {
            guard let regex else { return line == literal }
            return regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
    }
}
