import Foundation
import Testing

/// The options of every command in `--help` and in the manual are the same set.
@Suite("Manual options match --help")
struct HelpParityTests {
    static let pages = ["Docs/commands.md", "Docs/operations.md"]

    /// The subcommands `strata --help` lists.
    static func commands() throws -> [String] {
        let help = try run(["--help"])
        var commands: [String] = []
        var inList = false
        for line in help.split(separator: "\n") {
            if line.hasPrefix("SUBCOMMANDS:") { inList = true; continue }
            if inList, line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first {
                if name != "help" { commands.append(String(name)) }
            } else if inList, !line.hasPrefix(" ") {
                inList = false
            }
        }
        return commands
    }

    @Test("each command's options in --help are the options its manual section and the common table document")
    func optionSetsMatch() throws {
        let documented = try DocumentedOptions.read(pages: Self.pages)
        let commands = try Self.commands()
        #expect(commands.count >= 14, "strata --help lists \(commands)")
        for command in commands {
            let help = HelpOptions.parse(try Self.run([command, "--help"]))
            let manual = documented.options[command] ?? []
            #expect(
                help.options == manual,
                """
                strata \(command): --help offers \(help.options.sorted()), the manual documents \(manual.sorted()); \
                only in --help: \(help.options.subtracting(manual).sorted()), only in the manual: \
                \(manual.subtracting(help.options).sorted())
                """)
        }
    }

    @Test("each command's --format values in --help are the formats the manual lists for it")
    func formatsMatch() throws {
        let documented = try DocumentedOptions.read(pages: Self.pages)
        for command in try Self.commands() {
            let help = HelpOptions.parse(try Self.run([command, "--help"]))
            let manual = documented.formats[command] ?? []
            #expect(Set(help.formats) == Set(manual), "strata \(command): --help lists \(help.formats), the manual \(manual)")
        }
    }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = DocPaths.strata
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        process.environment = ["PATH": "/usr/bin:/bin", "COLUMNS": "80", "NO_COLOR": "1"]
        try process.run()
        // --help is a few kilobytes: reading to the end before waiting cannot block the child.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
