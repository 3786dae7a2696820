public import StrataModel

extension ConfigChange {
    /// One line for text views: `listeners[IncomingMail].port: 25 → 2525`, `+ listeners[New]`, `- listeners[Old]`.
    ///
    /// An added or removed scalar shows its value (`+ listeners[A].footer: disclaimer`); an added or removed record
    /// or list shows only its path; a list of records that was only reordered shows the records' first fields
    /// (`smtp_routes: reordered [a.com, b.com] → [b.com, a.com]`). Secrets are `(sensitive)`, line breaks `\n`.
    public var line: String {
        switch (before, after) {
        case (nil, nil): return path
        case (nil, let new?): return "+ " + path + Self.scalarSuffix(new)
        case (let old?, nil): return "- " + path + Self.scalarSuffix(old)
        case (let old?, let new?):
            if let oldLabels = Self.recordLabels(old), let newLabels = Self.recordLabels(new), Self.isReordering(old, new) {
                return "\(path): reordered \(oldLabels) → \(newLabels)"
            }
            return "\(path): \(TextValue.inline(old)) → \(TextValue.inline(new))"
        }
    }

    private static func scalarSuffix(_ value: Value) -> String {
        switch value.kind {
        case .list, .record: ""
        default: ": " + TextValue.inline(value)
        }
    }

    /// `[IncomingMail, OutgoingMail]`: a list of records named by their first field (the key, in keyed lists).
    private static func recordLabels(_ list: Value) -> String? {
        guard let items = list.listItems else { return nil }
        var labels: [String] = []
        for item in items {
            guard let first = item.recordFields?.first else { return nil }
            labels.append(TextValue.inline(first.value))
        }
        return "[" + labels.joined(separator: ", ") + "]"
    }

    /// Two lists holding the same items in another order (how a reordered keyed list is reported).
    private static func isReordering(_ old: Value, _ new: Value) -> Bool {
        guard let oldItems = old.listItems, let newItems = new.listItems, oldItems != newItems,
              oldItems.count == newItems.count else { return false }
        var remaining = oldItems
        for item in newItems {
            guard let index = remaining.firstIndex(of: item) else { return false }
            remaining.remove(at: index)
        }
        return true
    }
}

extension DiffSummary {
    /// `2 machines to update, 1 to create, 0 to delete, 3 unchanged (7 changes)`.
    public var line: String {
        let machines = updated == 1 ? "machine" : "machines"
        let changeWord = changes == 1 ? "change" : "changes"
        return "\(updated) \(machines) to update, \(created) to create, \(deleted) to delete, \(unchanged) unchanged (\(changes) \(changeWord))"
    }
}

/// Values on one line of text.
public enum TextValue {
    /// Like `Value.description` (secrets `(sensitive)`, durations `5m`), with line breaks and tabs escaped.
    public static func inline(_ value: Value) -> String {
        switch value.kind {
        case .string(let text): return escaped(text)
        case .list(let items): return "[" + items.map(inline).joined(separator: ", ") + "]"
        case .record(let fields): return "{" + fields.map { "\($0.name): \(inline($0.value))" }.joined(separator: ", ") + "}"
        default: return value.description
        }
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
