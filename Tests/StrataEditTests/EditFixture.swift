import Foundation
import StrataModel
import StrataTestSupport

/// A copy of examples/americas to edit, with helpers to snapshot its files and run `strata` on it.
final class EditFixture {
    let repo: TempRepo
    static let cluster = "clusters/americas/cluster.yaml"
    static let usa = "clusters/americas/groups/usa.yaml"
    static let mainGroup = "clusters/americas/groups/Main_Group.yaml"
    static let newyork = "clusters/americas/machines/newyork.example.com.yaml"

    init() throws {
        repo = try TempRepo(copying: "americas")
    }

    /// `strata ARGS --repo REPO`.
    func strata(_ arguments: String...) async throws -> CommandResult {
        try await runStrata(arguments + ["--repo", repo.path])
    }

    /// Every file under clusters/ with its bytes.
    func snapshot() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let base = repo.root.appendingPathComponent("clusters")
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "yaml" else { continue }
            files[String(url.path.dropFirst(repo.root.path.count + 1))] = Array(try Data(contentsOf: url))
        }
        return files
    }

    /// `show --all --format json`: every machine's effective configuration (its `settings`, not where they come from).
    func effective() async throws -> [String] {
        let result = try await strata("show", "--all", "--format", "json")
        precondition(result.status == 0, "\(result)")
        guard case .array(let machines)? = try JSONParser.parse(result.stdout)["machines"] else { return [] }
        return machines.map { ($0["machine"]?.stringValue ?? "") + ": " + ($0["settings"]?.rendered() ?? "") }
    }

    /// The bytes `after` adds to `before` when it only inserts one contiguous block (nil otherwise).
    static func insertion(from before: [UInt8], to after: [UInt8]) -> [UInt8]? {
        guard after.count >= before.count else { return nil }
        let prefix = zip(before, after).prefix { $0 == $1 }.count
        let suffix = zip(before.reversed(), after.reversed()).prefix { $0 == $1 }.count
        let kept = min(prefix, before.count)
        guard kept + min(suffix, before.count - kept) == before.count else { return nil }
        return Array(after[kept..<(after.count - (before.count - kept))])
    }
}
