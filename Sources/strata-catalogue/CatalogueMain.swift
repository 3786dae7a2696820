import Foundation
import StrataCatalogue

/// `strata-catalogue features-table [FILE]`: prints the features table generated from the catalogue, or
/// rewrites the generated region of FILE (Docs/features.md) with it. `make regenerate` runs it.
@main
enum CatalogueMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == "features-table", arguments.count <= 2 else {
            fail("usage: strata-catalogue features-table [FILE]")
        }
        guard arguments.count == 2 else {
            print(FeatureTable.markdown(), terminator: "")
            return
        }
        let path = arguments[1]
        guard let document = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
        guard let updated = FeatureTable.replacingTable(in: document) else {
            fail("\(path) has no line \(FeatureTable.beginMarker) followed by \(FeatureTable.endMarker)")
        }
        guard (try? updated.write(toFile: path, atomically: true, encoding: .utf8)) != nil else { fail("cannot write \(path)") }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("strata-catalogue: " + message + "\n").utf8))
        exit(2)
    }
}
