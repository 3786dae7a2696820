import Foundation
import Testing
import StrataModel
@testable import StrataState

/// The one reading rule for secrets and tokens, on both sides.
@Suite("Secret source")
struct SecretSourceTests {
    @Test(arguments: [
        ("token \t\r\n", "token"), ("token\n\n", "token"), ("token\r\n", "token"), ("  token", "  token"),
        ("to ken \t", "to ken"), ("token\u{A0}", "token\u{A0}"), ("token\u{0B}", "token\u{0B}"),
    ])
    func onlyTrailingSpacesTabsCRAndLFAreRemoved(_ text: String, _ expected: String) {
        #expect(SecretSource.trimmed(text) == expected)
    }

    @Test func filesAndVariablesFollowTheSameRule() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secret-source-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "from-a-file \t\r\n".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        try " \t\r\n".write(toFile: directory + "/blank", atomically: true, encoding: .utf8)
        let source = SecretSource(baseDirectory: directory) { ["TOKEN": "from-a-variable \t\r\n", "BLANK": "\n"][$0] }

        #expect(try source.value(of: SecretReference(source: .file, name: "token")) == "from-a-file")
        #expect(try source.value(of: SecretReference(source: .file, name: directory + "/token")) == "from-a-file")
        #expect(try source.value(of: SecretReference(source: .env, name: "TOKEN")) == "from-a-variable")
        #expect(throws: SecretSource.Failure.empty) { try source.value(of: SecretReference(source: .file, name: "blank")) }
        #expect(throws: SecretSource.Failure.empty) { try source.value(of: SecretReference(source: .env, name: "BLANK")) }
        #expect(throws: SecretSource.Failure.unset) { try source.value(of: SecretReference(source: .env, name: "NONE")) }
        #expect(throws: SecretSource.Failure.noFile(path: directory + "/none")) {
            try source.value(of: SecretReference(source: .file, name: "none"))
        }
    }
}
