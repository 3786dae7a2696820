import Testing
import StrataModel
import StrataLoad
import StrataTestSupport

@Suite("YAML parser")
struct YAMLParserTests {
    @Test func scalarsResolveByTheCoreSchema() throws {
        let (node, diagnostics) = parseYAML("""
            a: 25
            b: "25"
            c: true
            d: yes
            e: 15.5.1
            f: ~
            g: 0x1F
            h: !!str 7
            i: 1.5
            """)
        #expect(!diagnostics.hasErrors)
        let values = try #require(node?.mappingEntries).map { $0.value.scalar?.resolved }
        #expect(values == [.int(25), .string("25"), .bool(true), .string("yes"), .string("15.5.1"), .null, .int(31), .string("7"), .float(1.5)])
    }

    @Test func marksAreOneBasedLineAndColumn() throws {
        let (node, _) = parseYAML("top:\n  inner:\n    - item\n")
        let top = try #require(node?.mappingEntries?.first)
        #expect(top.key.mark == SourceMark(line: 1, column: 1))
        let inner = try #require(top.value.mappingEntries?.first)
        #expect(inner.key.mark == SourceMark(line: 2, column: 3))
        guard case .sequence(let items) = inner.value.content else { Issue.record("not a sequence"); return }
        #expect(items[0].mark == SourceMark(line: 3, column: 7))
    }

    @Test func aliasesAndMergeKeysExpand() throws {
        let (node, diagnostics) = parseYAML("""
            base: &base {port: 25, type: public}
            one:
              <<: *base
              port: 2525
            two: *base
            """)
        #expect(!diagnostics.hasErrors)
        let entries = try #require(node?.mappingEntries)
        let one = try #require(entries[1].value.mappingEntries)
        #expect(one.map(\.keyText) == ["port", "type"])
        #expect(one[0].value.scalar?.resolved == .int(2525))
        #expect(entries[2].value.mappingEntries?.count == 2)
    }

    @Test func duplicateKeysAreReportedWithBothPlaces() throws {
        let (_, diagnostics) = parseYAML("a: 1\nb: 2\na: 3\n")
        let diagnostic = try #require(diagnostics.sorted.first)
        #expect(diagnostic.code == .duplicateKey)
        #expect(diagnostic.location == SourceLocation(file: "test.yaml", line: 3, column: 1))
        #expect(diagnostic.notes.first?.location == SourceLocation(file: "test.yaml", line: 1, column: 1))
    }

    @Test func syntaxErrorsHaveALocation() throws {
        let (node, diagnostics) = parseYAML("a: [1, 2\nb: 3\n")
        #expect(node == nil)
        let diagnostic = try #require(diagnostics.sorted.first)
        #expect(diagnostic.code == .yamlSyntax)
        #expect(diagnostic.location.line == 2)
    }

    @Test func aSecondDocumentIsRefused() {
        let (_, diagnostics) = parseYAML("a: 1\n---\nb: 2\n")
        #expect(diagnostics.triples == ["test.yaml:2 E010"])
    }

    @Test func unsupportedTagsAreRefused() {
        let (_, diagnostics) = parseYAML("a: !!binary aGVsbG8=\n")
        #expect(diagnostics.triples == ["test.yaml:1 E013"])
    }

    @Test func anUndefinedAliasIsASyntaxError() {
        let (_, diagnostics) = parseYAML("a: *nowhere\n")
        #expect(diagnostics.triples == ["test.yaml:1 E001"])
    }

    @Test func complexKeysAreRefused() {
        let (_, diagnostics) = parseYAML("? [a, b]\n: 1\n")
        #expect(diagnostics.triples == ["test.yaml:1 E013"])
    }

    @Test func anEmptyDocumentHasNoRoot() {
        let (node, diagnostics) = parseYAML("# only a comment\n")
        #expect(node == nil)
        #expect(diagnostics.all.isEmpty)
    }
}
