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
        var steps: [Step] = []
        for feature in configuration.features {
            steps.append(.field(feature.name))
            collect(feature.value, steps: &steps, into: &uses)
            steps.removeLast()
        }
        return uses
    }

    /// The distinct references, sorted by their text.
    public static func references(in configuration: EffectiveConfiguration) -> [SecretReference] {
        Array(Set(all(in: configuration).map(\.reference))).sorted { $0.description < $1.description }
    }

    /// One step of the path down to a value; the path is spelled out only where a secret is found (a fleet's
    /// tables have thousands of rows and seldom a secret).
    private enum Step {
        case field(String)
        case item(Value, index: Int)
    }

    private static func collect(_ value: Value, steps: inout [Step], into uses: inout [SecretUse]) {
        switch value.kind {
        case .secret(let reference): uses.append(SecretUse(path: path(steps), reference: reference))
        case .record(let fields):
            for field in fields {
                steps.append(.field(field.name))
                collect(field.value, steps: &steps, into: &uses)
                steps.removeLast()
            }
        case .list(let items):
            for (index, item) in items.enumerated() {
                steps.append(.item(item, index: index))
                collect(item, steps: &steps, into: &uses)
                steps.removeLast()
            }
        default: break
        }
    }

    /// `ldap.servers[corp].bind_password`: fields joined by dots, list items by their first field's text (their key)
    /// or else their index.
    private static func path(_ steps: [Step]) -> String {
        var path = ""
        for step in steps {
            switch step {
            case .field(let name): path += path.isEmpty ? name : "." + name
            case .item(let item, let index): path += "[\(item.recordFields?.first?.value.stringValue ?? String(index))]"
            }
        }
        return path
    }
}
