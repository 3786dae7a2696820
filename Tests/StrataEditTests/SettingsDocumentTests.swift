@testable import StrataEdit
import StrataYAML
import Testing

@Suite("Splicing one feature of a settings mapping")
struct SettingsDocumentTests {
    private func document(_ text: String) throws -> SettingsDocument {
        try #require(SettingsDocument(path: "g.yaml", bytes: Array(text.utf8)))
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private let dns = YAMLOutput.mapping([("timeout", .plain("5s"))])

    @Test("removing the only feature leaves settings: {} and keeps the comments around it")
    func removeOnly() throws {
        let source = "# head\nsettings:\n  ntp:\n    servers: [a]   # why\n# tail\n"
        #expect(text(try document(source).removing("ntp")) == "# head\nsettings: {}\n# tail\n")
    }

    @Test("removing one of several features removes its lines only, a literal block included")
    func removeOne() throws {
        let source = "settings:\n  # the banner\n  text_resources:\n    - name: x\n      text: |\n        one\n        two\n\n  # dns next\n  dns: {timeout: 5s}\n"
        #expect(text(try document(source).removing("text_resources")) == "settings:\n  # the banner\n\n  # dns next\n  dns: {timeout: 5s}\n")
    }

    @Test("setting into settings: {} writes a block below it; a comment after {} stays on its line")
    func intoEmpty() throws {
        #expect(text(try document("settings: {}  # nothing yet\nother: 1\n").setting("dns", to: dns))
            == "settings:  # nothing yet\n  dns:\n    timeout: 5s\nother: 1\n")
    }

    @Test("a file without settings gets one at its end, even without a final line break")
    func noSettings() throws {
        #expect(text(try document("group: usa").setting("dns", to: dns)) == "group: usa\nsettings:\n  dns:\n    timeout: 5s\n")
    }

    @Test("a new feature goes after the features before it in the catalogue, in the file's indentation")
    func catalogueOrder() throws {
        let source = "settings:\n    hostname: a.example.com\n    # routes\n    smtp_routes: []\n"
        #expect(text(try document(source).setting("ntp", to: .mapping([("servers", .sequence([.string("t")]))])))
            == "settings:\n    hostname: a.example.com\n    ntp:\n        servers:\n        - t\n    # routes\n    smtp_routes: []\n")
    }

    @Test("replacing a feature rewrites its lines only; quoting follows what the value needs")
    func replace() throws {
        let source = "settings:\n  ntp: {servers: [a]}   # old\n  dns: {timeout: 5s}\n"
        let value = YAMLOutput.mapping([("servers", .sequence([.string("123"), .string("b")]))])
        #expect(text(try document(source).setting("ntp", to: value)) == "settings:\n  ntp:\n    servers:\n    - \"123\"\n    - b\n  dns: {timeout: 5s}\n")
    }

    @Test("settings in flow style are refused")
    func flow() throws {
        #expect(throws: EditProblem.self) { try document("settings: {ntp: {servers: [a]}}\n").removing("ntp") }
    }
}
