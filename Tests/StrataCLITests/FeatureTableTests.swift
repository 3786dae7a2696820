import Foundation
import Testing
import StrataCatalogue

/// Docs/features.md's summary table is the one `make regenerate` writes from the catalogue.
@Suite("Feature table")
struct FeatureTableTests {
    static let featuresPage = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/features.md")

    @Test func theDocsTableIsTheGeneratedOne() throws {
        let document = try String(contentsOf: Self.featuresPage, encoding: .utf8)
        let regenerated = try #require(FeatureTable.replacingTable(in: document), "Docs/features.md lost its generated-table markers")
        #expect(regenerated == document, "Docs/features.md's features table is stale: run make regenerate")
    }

    @Test func theTableHasOneRowPerFeature() {
        let rows = FeatureTable.markdown().split(separator: "\n").dropFirst(2)
        #expect(rows.count == Catalogue.features.count)
        #expect(rows.first == "| [`interfaces`](#interfaces) | M | keyed list by `name` | `[]` |")
    }

    @Test func replacingNeedsBothMarkers() {
        #expect(FeatureTable.replacingTable(in: "no markers\n") == nil)
        let document = "a\n\(FeatureTable.beginMarker)\nold\n\(FeatureTable.endMarker)\nb\n"
        #expect(FeatureTable.replacingTable(in: document) == "a\n\(FeatureTable.beginMarker)\n\(FeatureTable.markdown())\(FeatureTable.endMarker)\nb\n")
    }
}
