import StrataModel

/// One reference found inside a feature's value: which item refers to which name, and where.
struct FoundReference {
    /// What refers (`listener 'IncomingMail'`).
    var referrer: String
    /// The field holding the reference (`footer`).
    var field: String
    /// The referenced name.
    var name: String
    /// Where the reference is written.
    var location: SourceLocation?
    /// What it must point at.
    var target: ReferenceTarget
}

/// Finds reference fields in values by walking them along their schema.
enum ReferenceWalker {
    /// What one item of a list (`listeners`, `ldap.queries`) is called in messages, as its definition says.
    static func itemNoun(ofList listName: String) -> String {
        let path = listName.split(separator: ".").map(String.init)
        guard let first = path.first, let definition = Catalogue.feature(first) else { return listName }
        guard path.count > 1 else { return definition.itemNoun ?? listName }
        var type = definition.type
        var noun: String?
        for step in path.dropFirst() {
            guard case .record(let schema) = type, let field = schema.field(step) else { return listName }
            type = field.type
            noun = field.itemNoun
        }
        return noun ?? listName
    }

    /// Features whose schema holds a reference field somewhere; the others need no walk.
    static let referringFeatures: Set<String> = Set(Catalogue.features.filter { holdsReference($0.type) }.map(\.name.rawValue))

    private static func holdsReference(_ type: ValueType) -> Bool {
        switch type {
        case .record(let schema), .keyedList(let schema, _):
            return schema.fields.contains { $0.reference != nil || holdsReference($0.type) }
        case .list(let element, _), .rootOrList(let element):
            return holdsReference(element)
        default:
            return false
        }
    }

    /// Every reference inside a feature's value.
    static func references(in value: Value, feature: FeatureDefinition) -> [FoundReference] {
        var found: [FoundReference] = []
        let noun = feature.itemNoun ?? feature.name.rawValue
        walk(value, type: feature.type, itemNoun: noun, referrer: feature.name.rawValue, into: &found)
        return found
    }

    /// `itemNoun` names one item when `type` is a keyed list (`listener 'IncomingMail'`).
    private static func walk(_ value: Value, type: ValueType, itemNoun: String, referrer: String, into found: inout [FoundReference]) {
        switch type {
        case .keyedList(let schema, let key):
            for item in value.listItems ?? [] {
                let label = "\(itemNoun) '\(item[field: key]?.description ?? "?")'"
                walkRecord(item, schema: schema, listName: itemNoun, referrer: label, into: &found)
            }
        case .record(let schema):
            walkRecord(value, schema: schema, listName: itemNoun, referrer: referrer, into: &found)
        default:
            break
        }
    }

    private static func walkRecord(_ value: Value, schema: RecordSchema, listName: String, referrer: String, into found: inout [FoundReference]) {
        for field in schema.fields {
            guard let fieldValue = value[field: field.name] else { continue }
            if let target = field.reference, let name = fieldValue.stringValue {
                found.append(FoundReference(referrer: referrer, field: field.name, name: name, location: fieldValue.location, target: target))
            } else {
                let noun = field.itemNoun ?? listName + "." + field.name
                walk(fieldValue, type: field.type, itemNoun: noun, referrer: referrer, into: &found)
            }
        }
    }

    /// The keyed-list items a target list holds in a feature value: key → item.
    static func targetItems(in value: Value, target: ReferenceTarget) -> [String: Value] {
        var current = value
        for step in target.path {
            guard let next = current[field: step] else { return [:] }
            current = next
        }
        guard let definition = Catalogue.feature(target.feature) else { return [:] }
        var type = definition.type
        for step in target.path {
            guard case .record(let schema) = type, let field = schema.field(step) else { return [:] }
            type = field.type
        }
        guard let key = type.keyedList?.key else { return [:] }
        var items: [String: Value] = [:]
        for item in current.listItems ?? [] {
            if let name = item[field: key]?.stringValue, items[name] == nil { items[name] = item }
        }
        return items
    }
}
