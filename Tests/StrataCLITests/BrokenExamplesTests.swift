// The broken example repositories under examples/broken/, checked with the real `strata` executable.
//
// Each directory examples/broken/<case>/ is a configuration repository with one kind of mistake.
// The diagnostics it must produce are written where they point:
//   - a YAML comment `# expect: E301` (several codes: `# expect: E301 E302`) on the line a diagnostic
//     points at; diagnostics about a whole file point at its line 1, so their mark goes on the first line;
//   - `examples/broken/<case>/EXPECTED-EXTRA`, one `path CODE` per line (path relative to the case), for
//     diagnostics that point at a directory or at a file that is not YAML.
// The (file, line, code) of the JSON diagnostics must equal the marks exactly: no more, no fewer.
// Errors among the marks mean exit status 1, warnings only mean 0.
//
// `examples/broken/<case>/expected.txt` is the golden text output of `strata validate` (NO_COLOR=1).
// After an intended change of messages, re-record every golden file and review the diff:
//     STRATA_RECORD=1 swift test --filter BrokenExamples
// (with STRATA_RECORD=1 the text test writes expected.txt instead of comparing).
//
// The symbolic-link case (E008) cannot be committed portably, so a test builds it in a temporary copy.

import Foundation
import Testing
import StrataTestSupport
import StrataModel

@Suite("Broken examples")
struct BrokenExamplesTests {
    /// The package root.
    static var packageRoot: URL { TestPaths.packageRoot }

    static let brokenRoot = packageRoot.appendingPathComponent("examples/broken")

    /// Every case directory, by name.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: brokenRoot.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: brokenRoot.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }()

    /// Codes that no committed example produces: E003 (a 32 MB file), E016 (over 10 million nodes, a file of
    /// 20 MB or more), E011 (an unreadable file, which git cannot store), E008 (a symbolic link out of the
    /// repository) and E018 (a file name that is not UTF-8); the last two are built at test time (here and in HostileEntryTests).
    static let codesWithoutExample: Set<String> = [
        "E003", "E016", "E011", "E008", "E018",
        // Cluster edits: refusals of `copy`/`move`/`unset`, never reported by `validate` (StrataEditTests covers them).
        "E601", "E602", "E603", "E604", "E605", "E606", "E607", "W608", "W609", "E610", "E611",
    ]

    // MARK: - Tests

    @Test("every case exists and the list is not empty")
    func casesAreFound() {
        #expect(Self.cases.count >= 30, "examples/broken holds \(Self.cases.count) cases")
    }

    @Test("JSON diagnostics equal the # expect: marks", arguments: cases)
    func diagnosticsMatchMarks(_ name: String) throws {
        let directory = Self.brokenRoot.appendingPathComponent(name)
        let expected = try Self.expectedMarks(in: directory)
        #expect(!expected.isEmpty, "case \(name) marks no diagnostic")
        let run = try Self.strata(["validate", "--repo", directory.path, "--format", "json"])
        let actual = try Self.triples(fromJSON: run.stdout)
        let missing = Self.subtracting(actual, from: expected)
        let unexpected = Self.subtracting(expected, from: actual)
        #expect(missing.isEmpty && unexpected.isEmpty, """
            case \(name): diagnostics differ from the marks
              marked but not reported: \(missing)
              reported but not marked: \(unexpected)
            """)
        let hasErrors = expected.contains { $0.code.hasPrefix("E") }
        #expect(run.status == (hasErrors ? 1 : 0), "case \(name): exit status \(run.status); stderr: \(run.stderr)")
    }

    @Test("text output equals expected.txt", arguments: cases)
    func textOutputMatchesGolden(_ name: String) throws {
        let directory = Self.brokenRoot.appendingPathComponent(name)
        let golden = directory.appendingPathComponent("expected.txt")
        let run = try Self.strata(["validate", "--repo", directory.path])
        #expect(run.stderr.isEmpty, "case \(name): stderr: \(run.stderr)")
        if ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" {
            try Data(run.stdout.utf8).write(to: golden)
            return
        }
        let expected = try String(decoding: Data(contentsOf: golden), as: UTF8.self)
        #expect(run.stdout == expected, """
            case \(name): output differs from expected.txt (re-record with STRATA_RECORD=1 if intended)
            --- actual ---
            \(run.stdout)
            """)
    }

    @Test("the footer error gives both fixes and points at the machine that defines the footer")
    func footerOnOneMachineGivesBothFixes() throws {
        let directory = Self.brokenRoot.appendingPathComponent("footer-on-one-machine")
        let machineFile = "clusters/americas/machines/newyork.example.com.yaml"

        let text = try Self.strata(["validate", "--repo", directory.path]).stdout
        let helps = text.split(separator: "\n").filter { $0.hasPrefix("  help: ") }
        #expect(helps.count == 1)
        let help = String(helps.first ?? "")
        #expect(help.contains("promote text_resources 'disclaimer' to cluster mode"), "help: \(help)")
        #expect(help.contains("move listener 'IncomingMail' down to machine mode"), "help: \(help)")
        let notes = text.split(separator: "\n").filter { $0.contains(" note: ") }
        #expect(notes.contains { $0.hasPrefix("  \(machineFile):") && $0.contains("'disclaimer'") }, "notes: \(notes)")

        let json = try Self.strata(["validate", "--repo", directory.path, "--format", "json"]).stdout
        let diagnostics = try Self.diagnostics(fromJSON: json)
        let error = try #require(diagnostics.first { $0["code"] as? String == "E301" })
        let jsonHelp = error["help"] as? String ?? ""
        #expect(jsonHelp.contains("to cluster mode") && jsonHelp.contains("down to machine mode"))
        let noteFiles = (error["notes"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(noteFiles.contains(machineFile))
    }

    @Test("a symbolic link out of the repository is refused (E008)")
    func symlinkOutsideTheRepository() throws {
        let fileManager = FileManager.default
        let sandbox = fileManager.temporaryDirectory.appendingPathComponent("strata-broken-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: sandbox) }
        let repo = sandbox.appendingPathComponent("repo")
        let outside = sandbox.appendingPathComponent("outside")
        try fileManager.createDirectory(at: repo, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: outside.appendingPathComponent("europe"), withIntermediateDirectories: true)
        try fileManager.copyItem(
            at: Self.packageRoot.appendingPathComponent("examples/americas/clusters"), to: repo.appendingPathComponent("clusters"))
        try Data("group: usa\n".utf8).write(to: outside.appendingPathComponent("boston.example.com.yaml"))
        try Data("settings: {}\n".utf8).write(to: outside.appendingPathComponent("europe/cluster.yaml"))
        // A machine file and a whole cluster that live outside the repository, linked into it.
        try fileManager.createSymbolicLink(
            at: repo.appendingPathComponent("clusters/americas/machines/boston.example.com.yaml"),
            withDestinationURL: outside.appendingPathComponent("boston.example.com.yaml"))
        try fileManager.createSymbolicLink(
            at: repo.appendingPathComponent("clusters/europe"), withDestinationURL: outside.appendingPathComponent("europe"))

        let run = try Self.strata(["validate", "--repo", repo.path, "--format", "json"])
        let actual = try Self.triples(fromJSON: run.stdout).map(\.description).sorted()
        #expect(actual == [
            "clusters/americas/machines/boston.example.com.yaml:1 E008",
            "clusters/europe:1 E008",
        ])
        #expect(run.status == 1)
    }

    @Test("every code the repository files can produce has an example")
    func everyCodeHasAnExample() throws {
        var covered: Set<String> = []
        for name in Self.cases {
            covered.formUnion(try Self.expectedMarks(in: Self.brokenRoot.appendingPathComponent(name)).map(\.code))
        }
        let all = Set(DiagnosticCode.allCases.map(\.rawValue))
        let missing = all.subtracting(covered).subtracting(Self.codesWithoutExample).sorted()
        #expect(missing.isEmpty, "codes without a broken example: \(missing)")
        let unknown = covered.subtracting(all).sorted()
        #expect(unknown.isEmpty, "marks with codes that do not exist: \(unknown)")
    }

    // MARK: - Marks

    /// One expected or reported diagnostic: where it points (file and line) and its code.
    struct Mark: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var code: String

        var description: String { "\(file):\(line) \(code)" }

        static func < (lhs: Mark, rhs: Mark) -> Bool { (lhs.file, lhs.line, lhs.code) < (rhs.file, rhs.line, rhs.code) }
    }

    /// The `# expect:` marks of every file of a case, plus its EXPECTED-EXTRA lines, sorted (duplicates kept).
    static func expectedMarks(in directory: URL) throws -> [Mark] {
        let fileManager = FileManager.default
        var marks: [Mark] = []
        let paths = fileManager.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        for path in paths where path != "expected.txt" && path != "EXPECTED-EXTRA" {
            let full = directory.appendingPathComponent(path).path
            let type = (try? fileManager.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            guard type == .typeRegular else { continue }
            // Lossy decoding: a case may hold a file that is deliberately not UTF-8.
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for code in codes(inMarkOf: line) { marks.append(Mark(file: path, line: index + 1, code: code)) }
            }
        }
        let extra = directory.appendingPathComponent("EXPECTED-EXTRA")
        if fileManager.fileExists(atPath: extra.path) {
            let text = String(decoding: try Data(contentsOf: extra), as: UTF8.self)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty && !line.hasPrefix("#") {
                // `path CODE`: the code is the last word, the path (which may hold spaces) all before it.
                guard let space = line.lastIndex(of: " ") else { continue }
                marks.append(Mark(file: String(line[..<space]), line: 1, code: String(line[line.index(after: space)...])))
            }
        }
        return marks.sorted()
    }

    /// The codes after `# expect:` on a line, if it has such a mark.
    static func codes(inMarkOf line: Substring) -> [String] {
        guard let mark = line.range(of: "# expect:") else { return [] }
        var codes: [String] = []
        for word in line[mark.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            let isCode = word.count == 4 && (word.first == "E" || word.first == "W") && word.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
            guard isCode else { break }
            codes.append(String(word))
        }
        return codes
    }

    /// `lhs` minus `rhs` as multisets, as text.
    static func subtracting(_ rhs: [Mark], from lhs: [Mark]) -> [String] {
        var remaining = rhs
        var result: [String] = []
        for mark in lhs {
            if let index = remaining.firstIndex(of: mark) { remaining.remove(at: index) } else { result.append(mark.description) }
        }
        return result
    }

    // MARK: - Running strata

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `strata` executable built into the same products directory as the running test bundle.
    static let executable: URL? = {
        var directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        for _ in 0...3 {
            let candidate = directory.appendingPathComponent("strata")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    /// Runs `strata` with NO_COLOR set, no terminal and no input.
    static func strata(_ arguments: [String]) throws -> Run {
        let executable = try #require(
            executable, "no `strata` executable near \(ProcessInfo.processInfo.arguments[0]); build the package first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Outputs are a few kilobytes at most, far below a pipe's buffer: reading one after the other cannot block.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The `diagnostics` array of `validate --format json`.
    static func diagnostics(fromJSON text: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let root = try #require(object as? [String: Any], "not a JSON object: \(text)")
        return try #require(root["diagnostics"] as? [[String: Any]], "no diagnostics array: \(text)")
    }

    /// (file, line, code) of each JSON diagnostic, sorted.
    static func triples(fromJSON text: String) throws -> [Mark] {
        try diagnostics(fromJSON: text).map { diagnostic in
            Mark(
                file: diagnostic["file"] as? String ?? "?", line: (diagnostic["line"] as? NSNumber)?.intValue ?? 0,
                code: diagnostic["code"] as? String ?? "?")
        }.sorted()
    }
}
