import StrataPostfix
import StrataState

/// The lookup tables a rendering uses, found from their references in main.cf and master.cf
/// (`texthash:/etc/postfix/tables/transport`), and read back with `postmap -q` from the generation directory.
struct PostfixTables: Sendable {
    /// A file-based table: its type and its path relative to `config_directory`.
    struct Table: Sendable, Hashable {
        var type: String
        var file: String
    }

    /// Types whose rows are read back key by key; the others (pcre, regexp) are only opened.
    static let keyed: Set<String> = ["texthash", "cidr"]
    static let fileTypes: Set<String> = ["texthash", "cidr", "pcre", "regexp"]

    let configDirectory: String
    let directory: String
    let runner: CommandRunner

    /// Every file table main.cf and master.cf name, once each, in order of first reference.
    func referenced(in rendering: PostfixRendering) -> [Table] {
        var found: [Table] = []
        let prefix = configDirectory.hasSuffix("/") ? configDirectory : configDirectory + "/"
        for name in ["main.cf", "master.cf"] {
            guard let text = rendering.file(name)?.content else { continue }
            for type in Self.fileTypes {
                var rest = Substring(text)
                while let range = rest.range(of: type + ":" + prefix) {
                    let tail = rest[range.upperBound...]
                    let file = String(tail.prefix { !" ,\t\n}".contains($0) })
                    let table = Table(type: type, file: file)
                    if !file.isEmpty, !found.contains(table) { found.append(table) }
                    rest = tail
                }
            }
        }
        return found
    }

    /// What is wrong with a table: postmap's warnings, keys that do not read back, values that differ.
    func readBack(_ table: Table) -> [String] {
        let path = directory + "/" + table.file
        guard let bytes = try? AtomicFile.read(path) else { return ["\(table.file) was not rendered"] }
        let rows = Self.keyed.contains(table.type) ? Self.rows(String(decoding: bytes, as: UTF8.self)) : []
        let keysFile = directory + ".keys"
        let keys = rows.map { table.type == "cidr" ? String($0.key.prefix { $0 != "/" }) : $0.key }
        do { try AtomicFile.write(Array((keys.joined(separator: "\n") + "\n").utf8), to: keysFile, mode: 0o600) } catch { return ["\(error)"] }
        defer { try? AtomicFile.remove(keysFile) }
        let outcome = runner.run(["postmap", "-q", "-", "\(table.type):\(path)"], input: rows.isEmpty ? "/dev/null" : keysFile)
        let output = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").map(String.init)
        var problems = output.filter { $0.hasPrefix("postmap: ") }
        // postmap -q - exits 1 when a key is not found; other failures say more than that.
        if outcome.exitStatus.map({ $0 > 1 }) ?? true { problems.append("postmap \(outcome.summary)") }
        var answers: [String: String] = [:]
        for line in output where !line.hasPrefix("postmap: ") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { answers[String(parts[0])] = Self.normalized(String(parts[1])) }
        }
        for (row, key) in zip(rows, keys) {
            guard let answer = answers[key] else {
                problems.append("\(table.file): '\(row.key)' does not read back")
                continue
            }
            // A cidr row may be shadowed by an earlier one (first match wins): only texthash values must be equal.
            if table.type == "texthash", answer != Self.normalized(row.value) {
                problems.append("\(table.file): '\(row.key)' reads back as '\(answer)', not '\(row.value)'")
            }
        }
        return problems
    }

    /// `key value` rows, comments and blank lines skipped, continuation lines joined.
    static func rows(_ text: String) -> [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            if line.first?.isWhitespace == true, !rows.isEmpty {
                rows[rows.count - 1].value += " " + line.trimmingCharacters()
                continue
            }
            let key = line.prefix { !$0.isWhitespace }
            rows.append((String(key), line.dropFirst(key.count).trimmingCharacters()))
        }
        return rows
    }

    static func normalized(_ value: String) -> String {
        value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
