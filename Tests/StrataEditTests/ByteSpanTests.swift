import StrataModel
import StrataYAML
import Testing

@Suite("YAML nodes carry byte spans")
struct ByteSpanTests {
    private func parse(_ text: String) throws -> YAMLNode {
        var diagnostics = Diagnostics()
        return try #require(YAMLParser.parse(Array(text.utf8), file: "t.yaml", diagnostics: &diagnostics))
    }

    private func slice(_ text: String, _ node: YAMLNode) throws -> String {
        let range = try #require(node.span.range)
        return String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test("scalars, flow and block collections span exactly their text")
    func spans() throws {
        let text = """
            # comment
            settings:
              ntp:
                servers: [a, "b"]   # trailing
              dns: {timeout: 5s}

            # next
            other: 'x'

            """
        let root = try parse(text)
        let top = try #require(root.mappingEntries)
        let settings = try #require(top.first { $0.keyText == "settings" })
        #expect(try slice(text, settings.key) == "settings")
        #expect(try slice(text, settings.value) == "ntp:\n    servers: [a, \"b\"]   # trailing\n  dns: {timeout: 5s}")
        let ntp = try #require(settings.value.mappingEntries?.first)
        #expect(try slice(text, ntp.value) == "servers: [a, \"b\"]")
        let servers = try #require(ntp.value.mappingEntries?.first?.value)
        #expect(try slice(text, servers) == "[a, \"b\"]")
        #expect(try slice(text, try #require(servers.sequenceItems?.last)) == "\"b\"")
        let other = try #require(top.last)
        #expect(try slice(text, other.value) == "'x'")
        #expect(settings.key.mark == SourceMark(line: 2, column: 1))
    }

    @Test("a literal block ends after its text; an alias spans the alias")
    func blocksAndAliases() throws {
        let text = "a: &x |\n  one\n  two\n# c\nb: *x\n"
        let root = try parse(text)
        let entries = try #require(root.mappingEntries)
        let literal = try #require(entries.first?.value.span.range)
        #expect(String(decoding: Array(text.utf8)[literal], as: UTF8.self).hasPrefix("&x |\n  one\n  two\n"))
        #expect(!String(decoding: Array(text.utf8)[literal], as: UTF8.self).contains("# c"))
        #expect(try slice(text, try #require(entries.last?.value)) == "*x")
    }
}

extension YAMLNode {
    fileprivate var sequenceItems: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }
}
