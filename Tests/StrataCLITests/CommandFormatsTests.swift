import Testing
import StrataTestSupport

/// Each command's `--help` lists exactly the formats it renders (and `schema`, `agent` have no `--format`).
@Suite struct CommandFormatsTests {
    static let dataFormats = "(values: text, json; default: text)"
    static let reviewFormats = "(values: text, json, markdown, github; default: text)"

    @Test(arguments: [
        ("show", dataFormats), ("where", dataFormats), ("status", dataFormats), ("check", dataFormats),
        ("apply", dataFormats), ("export", dataFormats), ("remove-machine", dataFormats), ("render", dataFormats),
        ("validate", reviewFormats), ("diff", reviewFormats), ("plan", reviewFormats),
        ("reconcile", "(values: text, json)"),
    ])
    func helpListsExactlyTheFormatsRendered(command: String, values: String) async throws {
        let help = try await runStrata([command, "--help"])
        #expect(help.status == 0, "\(help)")
        let entry = Self.formatEntry(help.stdout)
        #expect(entry?.hasSuffix(values) == true, "\(command): \(entry ?? "no --format")")
    }

    @Test(arguments: ["schema", "agent"])
    func commandsWithoutFormat(command: String) async throws {
        let help = try await runStrata([command, "--help"])
        #expect(help.status == 0, "\(help)")
        #expect(!help.stdout.contains("--format"))
    }

    @Test func aFormatNotRenderedIsAUsageError() async throws {
        let result = try await runStrata(["show", "--format", "markdown"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: The value 'markdown' is invalid for '--format <format>'. Please provide one of 'text' and 'json'."))
    }

    /// The help entry of `--format`, its wrapped lines joined with single spaces.
    static func formatEntry(_ help: String) -> String? {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  --format <format>") }) else { return nil }
        var entry = [lines[start]]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("      "), !line.trimmingPrefix(" ").hasPrefix("-") else { break }
            entry.append(line)
        }
        return entry.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }
}
