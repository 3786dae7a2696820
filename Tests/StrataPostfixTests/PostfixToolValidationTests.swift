// The rendered Americas files checked by the real Postfix tools (Debian 12's Postfix 3.7 is
// installed where these run): postconf must read main.cf and master.cf without a word on stderr
// (it only warns, exit 0, on an unknown parameter), and postmap must read every row of every
// cidr and texthash table back. LDAP tables are left out: a lookup would contact the server.
// postconf refuses an `inet_interfaces` address this host does not have (the agent reports that
// as a 422 before switching), so the postconf checks replace the Americas addresses, and only
// them, with `loopback-only`.
// Without Postfix the tests are skipped, and say so.

import Foundation
import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix tools read the rendered files")
struct PostfixToolValidationTests {
    static let postconf = "/usr/sbin/postconf"
    static let postmap = "/usr/sbin/postmap"
    static let installed = FileManager.default.isExecutableFile(atPath: postconf) && FileManager.default.isExecutableFile(atPath: postmap)

    /// Renders a configuration for a scratch instance under `root` and writes its files.
    static func write(_ configuration: JSON, machine: String, root: URL, localInterfaces: Bool = false) throws -> (PostfixRendering, String) {
        let etc = root.appendingPathComponent("etc").path
        let layout = PostfixLayout(
            configDirectory: etc, queueDirectory: root.appendingPathComponent("queue").path,
            dataDirectory: root.appendingPathComponent("data").path, maillogFile: root.appendingPathComponent("maillog").path)
        let rendering = try PostfixRenderer.render(configuration: configuration, machine: machine, secrets: .references, layout: layout)
        for file in rendering.files {
            let url = URL(fileURLWithPath: etc).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var content = file.content
            if localInterfaces, file.path == "main.cf" {
                let line = "inet_interfaces = \(rendering.inetInterfaces.joined(separator: ", "))\n"
                #expect(content.contains(line))
                content = content.replacing(line, with: "inet_interfaces = loopback-only\n")
            }
            try Data(content.utf8).write(to: url)
        }
        return (rendering, etc)
    }

    @Test("postconf -n and -M read main.cf and master.cf with empty stderr", .enabled(if: installed, "Postfix is not installed (apt-get install postfix)"),
          arguments: PostfixTestSupport.machines)
    func postconfAccepts(_ machine: String) async throws {
        let configuration = try #require(try PostfixTestSupport.configurations(repository: PostfixTestSupport.americas)[machine])
        let root = try PostfixTestSupport.scratch("postconf")
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, etc) = try Self.write(configuration, machine: machine, root: root, localInterfaces: true)

        let main = try await runProgram(Self.postconf, ["-c", etc, "-n"])
        #expect(main.status == 0 && main.stderr.isEmpty, "postconf -n: \(main.stderr)")
        #expect(main.stdout.contains("myhostname = \(machine)\n"))
        let master = try await runProgram(Self.postconf, ["-c", etc, "-M"])
        #expect(master.status == 0 && master.stderr.isEmpty, "postconf -M: \(master.stderr)")
        #expect(master.stdout.split(separator: "\n").filter { $0.contains(" inet ") }.count == 2)
        let services = try await runProgram(Self.postconf, ["-c", etc, "-P"])
        #expect(services.status == 0 && services.stderr.isEmpty, "postconf -P: \(services.stderr)")
        #expect(services.stdout.contains("/inet/smtpd_relay_restrictions = "))
    }

    @Test("postmap reads back every row of every cidr and texthash table", .enabled(if: installed, "Postfix is not installed (apt-get install postfix)"),
          arguments: PostfixTestSupport.machines)
    func postmapReadsTables(_ machine: String) async throws {
        let configuration = try #require(try PostfixTestSupport.configurations(repository: PostfixTestSupport.americas)[machine])
        let root = try PostfixTestSupport.scratch("postmap")
        defer { try? FileManager.default.removeItem(at: root) }
        let (rendering, etc) = try Self.write(configuration, machine: machine, root: root)
        var checked = 0
        for file in rendering.files where file.path.hasPrefix("tables/") && !file.path.hasSuffix(".cf") {
            let type = file.path.hasSuffix(".cidr") ? "cidr" : "texthash"
            for line in file.content.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                // A cidr row is looked up by its network address: no row of these tables overlaps an earlier one.
                let key = type == "cidr" ? String(parts[0].split(separator: "/")[0]) : parts[0]
                let result = try await runProgram(Self.postmap, ["-q", key, "\(type):\(etc)/\(file.path)"])
                #expect(result.status == 0 && result.stderr.isEmpty, "\(file.path) \(key): \(result.stderr)")
                #expect(result.stdout == parts[1] + "\n", "\(file.path): \(key) gave \(result.stdout)")
                checked += 1
            }
        }
        #expect(checked >= 7, "only \(checked) rows checked")
    }

    @Test("postconf -b reads the bounce template", .enabled(if: installed, "Postfix is not installed (apt-get install postfix)"))
    func bounceTemplate() async throws {
        let configuration = try JSONParser.parse(#"{"text_resources": [{"name": "b", "type": "bounce", "text": "Could not deliver.\n"}]}"#)
        let root = try PostfixTestSupport.scratch("bounce")
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, etc) = try Self.write(configuration, machine: "mx.example.com", root: root)
        let result = try await runProgram(Self.postconf, ["-c", etc, "-b"])
        #expect(result.status == 0 && result.stderr.isEmpty, "postconf -b: \(result.stderr)")
        #expect(result.stdout.contains("Could not deliver."))
    }
}
