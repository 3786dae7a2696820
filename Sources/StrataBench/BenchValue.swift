/// A setting value of the generated fleet, written once for Strata and once for Ansible.
///
/// Values are canonical (every defaulted field written out), so what Strata's `show` reports for
/// a machine equals what Ansible's inventory gives it, field for field.
public indirect enum BenchValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    /// Seconds; Strata files write `<n><unit>`, the Ansible inventory writes the number of seconds.
    case duration(Int)
    case list([BenchValue])
    case map([BenchField])

    /// A mapping from ordered key/value pairs.
    public static func record(_ pairs: KeyValuePairs<String, BenchValue>) -> BenchValue {
        .map(pairs.map { BenchField(key: $0.key, value: $0.value) })
    }
}

/// One key of a generated mapping.
public struct BenchField: Sendable, Equatable {
    /// The key.
    public var key: String
    /// Its value.
    public var value: BenchValue

    /// Creates a field.
    public init(key: String, value: BenchValue) {
        self.key = key
        self.value = value
    }
}

/// Which tool a file is written for: the only difference is how durations are spelt.
public enum BenchFlavour: Sendable {
    case strata
    case ansible
}

/// A small block-style YAML writer with deterministic output.
public enum BenchYAML {
    /// The document for a top-level mapping.
    public static func document(_ fields: [BenchField], flavour: BenchFlavour, header: String? = nil) -> String {
        var out = header.map { "# \($0)\n" } ?? ""
        if fields.isEmpty { return out + "{}\n" }
        writeMap(fields, indent: 0, flavour: flavour, into: &out)
        return out
    }

    private static func writeMap(_ fields: [BenchField], indent: Int, flavour: BenchFlavour, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (index, field) in fields.enumerated() {
            if index > 0 { out += pad }
            out += field.key + ":"
            writeNested(field.value, indent: indent + 2, flavour: flavour, into: &out)
        }
    }

    /// Writes a value that follows `key:` or `-`: inline when scalar or empty, on the next lines otherwise.
    private static func writeNested(_ value: BenchValue, indent: Int, flavour: BenchFlavour, into out: inout String) {
        switch value {
        case .map(let fields) where !fields.isEmpty:
            out += "\n" + String(repeating: " ", count: indent)
            writeMap(fields, indent: indent, flavour: flavour, into: &out)
        case .list(let items) where !items.isEmpty:
            out += "\n"
            writeList(items, indent: indent, flavour: flavour, into: &out)
        default:
            out += " " + scalar(value, flavour: flavour) + "\n"
        }
    }

    private static func writeList(_ items: [BenchValue], indent: Int, flavour: BenchFlavour, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            out += pad + "-"
            switch item {
            case .map(let fields) where !fields.isEmpty:
                out += " "
                writeMap(fields, indent: indent + 2, flavour: flavour, into: &out)
            default:
                writeNested(item, indent: indent + 2, flavour: flavour, into: &out)
            }
        }
    }

    private static func scalar(_ value: BenchValue, flavour: BenchFlavour) -> String {
        switch value {
        case .string(let text): return quotedIfNeeded(text)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .duration(let seconds):
            return flavour == .ansible ? String(seconds) : durationText(seconds)
        case .list: return "[]"
        case .map: return "{}"
        }
    }

    private static func durationText(_ seconds: Int) -> String {
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] where seconds != 0 && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    /// Plain when the text can only be read as a string by YAML 1.1 and 1.2 alike; double-quoted otherwise.
    static func quotedIfNeeded(_ text: String) -> String {
        let safe = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || byte == 46 || byte == 95 || byte == 45 || byte == 64 || byte == 47
        }
        let first = text.utf8.first ?? 0
        let startsLikeWord = (first >= 97 && first <= 122) || (first >= 65 && first <= 90)
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        if safe && startsLikeWord && !reserved.contains(text.lowercased()) { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.unicodeScalars.append(character)
            }
        }
        return quoted + "\""
    }
}
