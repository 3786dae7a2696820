public import StrataModel

/// Where a configuration refers to a secret: the path of the value (`ldap.servers[corp].bind_password`) and the reference.
public struct SecretUse: Sendable, Hashable {
    /// The path, as in diffs (keyed list items by key when the item has a `name`-like first field).
    public var path: String
    /// The reference.
    public var reference: SecretReference

    /// Every secret a configuration refers to, in feature order.
    public static func all(in configuration: EffectiveConfiguration) -> [SecretUse] {
        var uses: [SecretUse] = []
        for feature in configuration.features { collect(feature.value, path: feature.name, into: &uses) }
        return uses
    }

    /// The distinct references, sorted by their text.
    public static func references(in configuration: EffectiveConfiguration) -> [SecretReference] {
        Array(Set(all(in: configuration).map(\.reference))).sorted { $0.description < $1.description }
    }

    private static func collect(_ value: Value, path: String, into uses: inout [SecretUse]) {
        switch value.kind {
        case .secret(let reference): uses.append(SecretUse(path: path, reference: reference))
        case .record(let fields):
            for field in fields { collect(field.value, path: path + "." + field.name, into: &uses) }
        case .list(let items):
            for (index, item) in items.enumerated() {
                let key = item.recordFields?.first?.value.stringValue ?? String(index)
                collect(item, path: "\(path)[\(key)]", into: &uses)
            }
        default: break
        }
    }
}
