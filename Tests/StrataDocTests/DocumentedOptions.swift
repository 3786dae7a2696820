import Foundation

/// The options the manual documents for each command, read from its tables.
///
/// The convention (Docs/README.md, "How the manual is tested"): commands.md's "Which command takes which" table
/// gives the common options of every command (a cell that is not `no` means the command takes the option, and
/// the `--format` cell lists its formats); each command's own section (`## strata NAME` or `### strata NAME`, in
/// commands.md or operations.md) has a table whose first column is headed `option`, listing its other options.
struct DocumentedOptions {
    /// Option names per command (`--repo`, `-o`, `--output`...).
    var options: [String: Set<String>] = [:]
    /// The formats of `--format` per command, in the order the manual lists them.
    var formats: [String: [String]] = [:]

    static func read(pages: [String]) throws -> DocumentedOptions {
        var documented = DocumentedOptions()
        for page in pages {
            let text = try String(contentsOf: DocPaths.packageRoot.appendingPathComponent(page), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            documented.readCommonTable(lines)
            documented.readSections(lines)
        }
        return documented
    }

    private mutating func readCommonTable(_ lines: [String]) {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("| command | `--repo`") }) else { return }
        let columns = Self.cells(lines[start])
        for line in lines[(start + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = Self.cells(line)
            guard let command = cells.first?.replacingOccurrences(of: "`", with: "") else { continue }
            for (column, cell) in zip(columns, cells).dropFirst() where !cell.hasPrefix("no") {
                let option = column.replacingOccurrences(of: "`", with: "")
                options[command, default: []].insert(option)
                if option == "--format" {
                    formats[command] = cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                }
            }
        }
    }

    private mutating func readSections(_ lines: [String]) {
        var command: String?
        var inOptionTable = false
        for line in lines {
            if line.hasPrefix("#") {
                let words = line.split(separator: " ")
                command = words.count >= 3 && words[1] == "strata" && line.hasPrefix("##") ? String(words[2]) : nil
                inOptionTable = false
            } else if line.hasPrefix("| option |") {
                inOptionTable = command != nil
            } else if !line.hasPrefix("|") {
                inOptionTable = false
            } else if inOptionTable, let command, let first = Self.cells(line).first {
                options[command, default: []].formUnion(Self.optionNames(first))
            }
        }
    }

    /// `-o FILE`, `--output FILE` → `-o`, `--output`; the `|---|` row and arguments (`MACHINE`) give nothing.
    static func optionNames(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "`" || $0 == "," || $0 == " " })
            .map(String.init)
            .filter { $0.count > 1 && $0.hasPrefix("-") && !$0.hasPrefix("---") }
    }

    static func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
