import StrataModel
import StrataCatalogue

/// Walks two values of one type side by side and records the smallest changes that explain the difference.
///
/// Records are walked in schema field order and keyed lists by key (kept items in after-order, then removed ones),
/// so the output is deterministic. Everything else (scalars, plain lists, secrets) is one change at its path.
struct ChangeCollector {
    private(set) var changes: [ConfigChange] = []

    /// Adds changes found before (a comparison shared by several machines).
    mutating func append(_ found: [ConfigChange]) { changes += found }

    mutating func compare(before: Value?, after: Value?, type: ValueType?, path: String) {
        if before == after { return }
        guard let before, let after else {
            changes.append(ConfigChange(path: path, before: before, after: after))
            return
        }
        switch type {
        case .record(let schema)?:
            if let old = before.recordFields, let new = after.recordFields {
                compareRecords(old, new, schema: schema, path: path)
                return
            }
        case .keyedList(let schema, let key)?:
            if compareKeyedLists(before, after, schema: schema, key: key, path: path) { return }
        default:
            break
        }
        changes.append(ConfigChange(path: path, before: before, after: after))
    }

    private mutating func compareRecords(_ before: [Field], _ after: [Field], schema: RecordSchema, path: String) {
        // Fields outside the schema cannot come from the compiler, but are still compared, after the known ones.
        var names = schema.fields.map(\.name)
        var seen = Set(names)
        for field in after + before where seen.insert(field.name).inserted { names.append(field.name) }
        for name in names {
            compare(
                before: before.first { $0.name == name }?.value, after: after.first { $0.name == name }?.value,
                type: schema.field(name)?.type, path: path + "." + name)
        }
    }

    /// Compares item by item; false when the lists cannot be matched by key and must be reported whole.
    private mutating func compareKeyedLists(_ before: Value, _ after: Value, schema: RecordSchema, key: String, path: String) -> Bool {
        guard let old = Self.keyedItems(before, key: key), let new = Self.keyedItems(after, key: key) else { return false }
        let oldByKey = Dictionary(uniqueKeysWithValues: old.map { ($0.key, $0.item) })
        let newKeys = Set(new.map(\.key))
        // A reordering of the kept items is not visible item by item: report the list whole.
        let keptOld = old.map(\.key).filter(newKeys.contains)
        let keptNew = new.map(\.key).filter { oldByKey[$0] != nil }
        if keptOld != keptNew { return false }
        for (itemKey, item) in new {
            compare(before: oldByKey[itemKey], after: item, type: .record(schema), path: "\(path)[\(itemKey)]")
        }
        for (itemKey, item) in old where !newKeys.contains(itemKey) {
            changes.append(ConfigChange(path: "\(path)[\(itemKey)]", before: item, after: nil))
        }
        return true
    }

    /// The items with their string keys; nil when an item is not a record, lacks its key, or a key repeats.
    private static func keyedItems(_ list: Value, key: String) -> [(key: String, item: Value)]? {
        guard let items = list.listItems else { return nil }
        var seen = Set<String>()
        var result: [(key: String, item: Value)] = []
        for item in items {
            guard let itemKey = item[field: key]?.stringValue, seen.insert(itemKey).inserted else { return nil }
            result.append((itemKey, item))
        }
        return result
    }
}
