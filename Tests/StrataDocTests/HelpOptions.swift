import Foundation

/// What `strata COMMAND --help` offers: its option names and the values of `--format`.
struct HelpOptions {
    var options: Set<String> = []
    /// The `--format` values in the order `--help` lists them; empty when it lists none.
    var formats: [String] = []

    /// Options every command has, which the manual does not repeat per command.
    static let universal: Set<String> = ["--version", "-h", "--help"]

    static func parse(_ help: String) -> HelpOptions {
        var result = HelpOptions()
        var inOptions = false
        var optionText = ""
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("OPTIONS:") { inOptions = true; continue }
            if !line.hasPrefix(" ") && !line.isEmpty { inOptions = false }
            guard inOptions else { continue }
            optionText += " " + line.trimmingCharacters(in: .whitespaces)
            // An option line: two spaces, then `-x, --name <value>` or `--name`; continuation lines are deeper.
            guard line.hasPrefix("  -") else { continue }
            for word in line.split(separator: " ").prefix(3) where word.hasPrefix("-") {
                result.options.insert(String(word).trimmingCharacters(in: CharacterSet(charactersIn: ",")))
            }
        }
        result.options.subtract(universal)
        if let range = optionText.range(of: #"--format <format>.*?\(values: ([a-z, ]+)[;)]"#, options: .regularExpression) {
            let match = String(optionText[range])
            if let values = match.range(of: #"values: [a-z, ]+"#, options: .regularExpression) {
                result.formats = match[values].dropFirst("values: ".count).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        return result
    }
}
