import Testing
import StrataGit

@Suite("Parsing author signatures")
struct SignatureTests {
    @Test(arguments: [
        ("Ada Lovelace <ada@example.com>", GitSignature(name: "Ada Lovelace", email: "ada@example.com")),
        ("  Bob <bob@example.com>  ", GitSignature(name: "Bob", email: "bob@example.com")),
        ("Ops Team<ops@example.com>", GitSignature(name: "Ops Team", email: "ops@example.com")),
    ])
    func parsesNameAndEmail(text: String, expected: GitSignature) throws {
        #expect(try GitSignature.parse(text) == expected)
        #expect(expected.description == "\(expected.name) <\(expected.email)>")
    }

    @Test(arguments: ["Ada", "<ada@example.com>", "Ada <>", "Ada <ada@example.com", "Ada <a<b@example.com>", "A\nB <a@b>"])
    func refusesMalformedText(text: String) {
        let error = #expect(throws: GitError.self) { try GitSignature.parse(text) }
        #expect(error == GitError(code: .invalidSignature, message: "invalid author '\(text)'", cause: "expected 'Name <email>'"))
    }
}
