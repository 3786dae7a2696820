import Testing
import StrataModel
@testable import StrataCatalogue

/// The catalogue is consistent with itself: every reference points at a real list and field, every list names its items.
@Suite("Catalogue integrity")
struct CatalogueIntegrityTests {
    /// Every reference field of the catalogue, with the feature and field path holding it.
    static let references: [(holder: String, target: ReferenceTarget)] = Catalogue.features.flatMap { definition in
        referenceFields(in: definition.type, path: definition.name.rawValue)
    }

    private static func referenceFields(in type: ValueType, path: String) -> [(holder: String, target: ReferenceTarget)] {
        switch type {
        case .record(let schema), .keyedList(let schema, _):
            return schema.fields.flatMap { field in
                let here = field.reference.map { [(holder: path + "." + field.name, target: $0)] } ?? []
                return here + referenceFields(in: field.type, path: path + "." + field.name)
            }
        case .list(let element, _), .rootOrList(let element):
            return referenceFields(in: element, path: path)
        default:
            return []
        }
    }

    /// Every keyed list of the catalogue by its list name (`listeners`, `ldap.queries`).
    private static func keyedLists(in type: ValueType, path: String) -> [(name: String, schema: RecordSchema, key: String)] {
        switch type {
        case .keyedList(let schema, let key):
            return [(path, schema, key)]
        case .record(let schema):
            return schema.fields.flatMap { keyedLists(in: $0.type, path: path + "." + $0.name) }
        default:
            return []
        }
    }

    @Test func theCatalogueHoldsReferences() {
        // Guards the tests below against passing vacuously.
        #expect(Self.references.count >= 10)
    }

    @Test(arguments: CatalogueIntegrityTests.references.map(\.holder))
    func everyReferenceTargetResolvesToAFeatureAndAKeyedList(holder: String) throws {
        let target = try #require(Self.references.first { $0.holder == holder }?.target)
        let definition = try #require(Catalogue.feature(target.feature), "\(holder) refers to the unknown feature \(target.feature)")
        var type = definition.type
        for step in target.path {
            guard case .record(let schema) = type, let field = schema.field(step) else {
                Issue.record("\(holder): \(target.listName) has no field '\(step)'")
                return
            }
            type = field.type
        }
        let list = try #require(type.keyedList, "\(holder): \(target.listName) is not a keyed list")
        #expect(list.schema.field(list.key) != nil, "\(holder): the key '\(list.key)' of \(target.listName) is not one of its fields")
        if target.allowedTypes != nil {
            #expect(list.schema.field("type") != nil, "\(holder): \(target.listName) has no 'type' field to restrict")
        }
    }

    @Test func everyKeyedListNamesItsItems() {
        let lists = Catalogue.features.flatMap { Self.keyedLists(in: $0.type, path: $0.name.rawValue) }
        #expect(lists.count >= 12)
        for list in lists {
            #expect(ReferenceWalker.itemNoun(ofList: list.name) != list.name, "\(list.name) has no item noun")
        }
    }

    @Test func theItemNounsMessagesUse() {
        #expect(ReferenceWalker.itemNoun(ofList: "listeners") == "listener")
        #expect(ReferenceWalker.itemNoun(ofList: "ldap.queries") == "LDAP query")
        #expect(ReferenceWalker.itemNoun(ofList: "ldap.servers") == "LDAP server")
        #expect(ReferenceWalker.itemNoun(ofList: "smtp_auth_profiles") == "SMTP auth profile")
        #expect(ReferenceWalker.itemNoun(ofList: "no_such_list") == "no_such_list")
    }

    @Test func featureNamesAreUniqueAndMatchTheirConstants() {
        #expect(Set(Catalogue.names).count == Catalogue.features.count)
        #expect(Catalogue.feature(.listeners)?.name == .listeners)
        #expect(FeatureName.smtpAuthProfiles.rawValue == "smtp_auth_profiles")
    }
}
