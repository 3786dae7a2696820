import Foundation
import Testing
import StrataModel
import StrataPostfix
import StrataTestSupport

@Suite("strata render through the real binary")
struct RenderCommandTests {
    static let machine = "newyork.example.com"
    static var golden: URL { PostfixTestSupport.goldenRoot.appendingPathComponent(machine) }

    static func goldenFiles() throws -> [(path: String, content: String)] {
        try PostfixGoldenTests.files(under: golden).filter { $0 != "warnings.txt" }.sorted().map { path in
            (path, try String(contentsOf: golden.appendingPathComponent(path), encoding: .utf8))
        }
    }

    @Test("text output is the golden files as ==> PATH <== sections; warnings go to stderr")
    func textOutput() async throws {
        let result = try await runStrata(["render", Self.machine, "--backend", "postfix", "--repo", PostfixTestSupport.americas])
        #expect(result.status == 0)
        let expected = try Self.goldenFiles().enumerated().map { index, file in
            (index == 0 ? "" : "\n") + "==> \(file.path) <==\n" + file.content
        }.joined()
        #expect(result.stdout == expected)
        let warnings = try String(contentsOf: Self.golden.appendingPathComponent("warnings.txt"), encoding: .utf8)
        #expect(result.stderr == warnings.split(separator: "\n").map { "warning: \($0)\n" }.joined())
    }

    @Test("--format json is {files: {path: content}, warnings: [...]}")
    func jsonOutput() async throws {
        let result = try await runStrata(["render", Self.machine, "--backend", "postfix", "--repo", PostfixTestSupport.americas, "--format", "json"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        let json = try JSONParser.parse(result.stdout)
        #expect(json.objectKeys == ["files", "warnings"])
        let files = try Self.goldenFiles()
        #expect(json["files"]?.objectKeys == files.map(\.path))
        for file in files { #expect(json["files"]?[file.path]?.stringValue == file.content, "\(file.path)") }
        guard case .array(let warnings) = json["warnings"] else { Issue.record("warnings is not a list"); return }
        #expect(warnings.first?.objectKeys == ["feature", "path", "message"])
        #expect(warnings.first?["path"]?.stringValue == "listeners[IncomingMail].footer")
    }

    @Test("-o writes the tree with each file's mode; the bind secret's file is 0600")
    func writesTree() async throws {
        let root = try PostfixTestSupport.scratch("render-o")
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("postfix").path
        let result = try await runStrata(["render", Self.machine, "--backend", "postfix", "--repo", PostfixTestSupport.americas, "-o", out])
        #expect(result.status == 0)
        let files = try Self.goldenFiles()
        #expect(result.stdout == files.map { "wrote \(out)/\($0.path)\n" }.joined())
        for file in files {
            let path = "\(out)/\(file.path)"
            #expect(try String(contentsOfFile: path, encoding: .utf8) == file.content)
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
            let secret = file.path == "tables/ldap_accept_users.cf" || file.path == "sasl/saslauthd_corp_auth.conf"
            #expect(mode == (secret ? 0o600 : 0o644), "\(file.path): mode \(String(mode, radix: 8))")
        }
    }

    @Test("--config-directory moves every table path; --rev renders a committed revision")
    func layoutAndRevision() async throws {
        let root = try PostfixTestSupport.scratch("render-rev")
        defer { try? FileManager.default.removeItem(at: root) }
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.copyItem(atPath: PostfixTestSupport.americas, toPath: repo.path)
        let git = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-C", repo.path]
        for arguments in [["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]] {
            let result = try await runProgram("/usr/bin/git", git + arguments)
            try #require(result.status == 0, "git \(arguments): \(result.stderr)")
        }
        let machineFile = repo.appendingPathComponent("clusters/americas/machines/newyork.example.com.yaml")
        let text = try String(contentsOf: machineFile, encoding: .utf8)
        try Data(text.replacing("hostname: newyork.example.com", with: "hostname: ny2.example.com").utf8).write(to: machineFile)

        let head = try await runStrata(["render", Self.machine, "--backend", "postfix", "--repo", repo.path, "--rev", "HEAD", "--config-directory", "/srv/pf"])
        #expect(head.status == 0, "\(head.stderr)")
        #expect(head.stdout.contains("myhostname = newyork.example.com\n"))
        #expect(head.stdout.contains("transport_maps = texthash:/srv/pf/tables/transport\n"))
        let work = try await runStrata(["render", Self.machine, "--backend", "postfix", "--repo", repo.path])
        #expect(work.stdout.contains("myhostname = ny2.example.com\n"))
    }

    @Test("an unknown machine, backend or format exits 1 with error:", arguments: [
        (["render", "nowhere.example.com", "--backend", "postfix"], "error: "),
        (["render", "newyork.example.com", "--backend", "files"], "error: unknown backend 'files'"),
        (["render", "newyork.example.com", "--backend", "postfix", "--format", "markdown"], "error: The value 'markdown' is invalid for '--format <format>'. Please provide one of 'text' and 'json'."),
        (["render", "newyork.example.com"], "error: Missing expected argument '--backend <backend>'"),
    ])
    func failures(_ arguments: [String], _ prefix: String) async throws {
        let result = try await runStrata(arguments + ["--repo", PostfixTestSupport.americas])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(prefix), "stderr: \(result.stderr)")
    }

    @Test("a repository with errors is refused with its diagnostics, exit 1")
    func brokenRepository() async throws {
        let broken = PostfixTestSupport.packageRoot.appendingPathComponent("examples/broken/footer-on-one-machine").path
        let result = try await runStrata(["render", "losangeles.example.com", "--backend", "postfix", "--repo", broken])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error[E301]"), "stderr: \(result.stderr)")
    }
}
