import StrataModel

/// The summary table of Docs/features.md, generated from the catalogue so it cannot drift from it.
///
/// `make regenerate` writes it between ``beginMarker`` and ``endMarker``; a test compares the file with it.
public enum FeatureTable {
    /// The line before the generated table.
    public static let beginMarker = "<!-- BEGIN GENERATED: features table (make regenerate) -->"
    /// The line after the generated table.
    public static let endMarker = "<!-- END GENERATED: features table -->"

    /// The Markdown table, one row per feature in catalogue order, ending with a newline.
    public static func markdown() -> String {
        var lines = ["| feature | modes | shape | default |", "|---|---|---|---|"]
        for definition in Catalogue.features {
            let name = definition.name.rawValue
            lines.append("| [`\(name)`](#\(name)) | \(modes(definition)) | \(shape(definition)) | \(defaultText(definition)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `document` with the text between the markers replaced by the table; nil when the markers are missing.
    public static func replacingTable(in document: String) -> String? {
        guard let begin = document.firstRange(of: beginMarker + "\n"),
              let end = document[begin.upperBound...].firstRange(of: endMarker) else { return nil }
        return String(document[..<begin.upperBound]) + markdown() + String(document[end.lowerBound...])
    }

    private static func modes(_ definition: FeatureDefinition) -> String {
        [(Level.cluster, "C"), (.group, "G"), (.machine, "M")].filter { definition.levels.contains($0.0) }.map(\.1)
            .joined(separator: " ")
    }

    private static func shape(_ definition: FeatureDefinition) -> String {
        if let text = definition.shapeText { return text }
        switch definition.type {
        case .keyedList(_, let key): return "keyed list by `\(key)`"
        case .record: return "record"
        case .list(.string, _): return "list of strings"
        case .list: return "list"
        case .string: return "string"
        default: return "value"
        }
    }

    private static func defaultText(_ definition: FeatureDefinition) -> String {
        if let text = definition.defaultText { return text }
        guard let value = definition.defaultValue(MachineName("machine")) else { return "absent" }
        if value.listItems?.isEmpty == true { return "`[]`" }
        return "`\(value)`"
    }
}
