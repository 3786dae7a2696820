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
    /// What one item of a list is called in messages.
    static func noun(forList listName: String) -> String {
        switch listName {
        case "listeners": "listener"
        case "ldap.queries": "LDAP query"
        case "ldap.servers": "LDAP server"
        case "smtp_auth_profiles": "SMTP auth profile"
        case "content_filters": "content filter"
        case "text_resources": "text resource"
        case "bounce_profiles": "bounce profile"
        case "dictionaries": "dictionary"
        case "interfaces": "interface"
        default: listName
        }
    }

    /// Features whose schema holds a reference field somewhere; the others need no walk.
    static let referringFeatures: Set<String> = Set(Catalogue.features.filter { holdsReference($0.type) }.map(\.name))

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
        walk(value, type: feature.type, listName: feature.name, referrer: feature.name, into: &found)
        return found
    }

    private static func walk(_ value: Value, type: ValueType, listName: String, referrer: String, into found: inout [FoundReference]) {
        switch type {
        case .keyedList(let schema, let key):
            for item in value.listItems ?? [] {
                let label = "\(noun(forList: listName)) '\(item[field: key]?.description ?? "?")'"
                walkRecord(item, schema: schema, listName: listName, referrer: label, into: &found)
            }
        case .record(let schema):
            walkRecord(value, schema: schema, listName: listName, referrer: referrer, into: &found)
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
                walk(fieldValue, type: field.type, listName: listName + "." + field.name, referrer: referrer, into: &found)
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
