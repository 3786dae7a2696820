#if canImport(Glibc)
import Glibc
#endif
public import StrataModel
import StrataState

/// Secret references inside a canonical configuration (`{"secret": "env:NAME"}`), and their values.
public enum ConfigurationSecrets {
    /// Every reference the configuration makes, e.g. `env:LDAP_PASSWORD`.
    public static func references(in json: JSON) -> Set<String> {
        var found = Set<String>()
        collect(json, into: &found)
        return found
    }

    /// The configuration with each reference replaced by its value: what the backend writes, and nothing else.
    public static func resolved(_ json: JSON, secrets: [String: String]) -> JSON {
        if let reference = reference(json) { return secrets[reference].map(JSON.string) ?? json }
        switch json {
        case .array(let items): return .array(items.map { resolved($0, secrets: secrets) })
        case .object(let fields): return .object(fields.map { ($0.0, resolved($0.1, secrets: secrets)) })
        default: return json
        }
    }

    /// The agent's bearer token, read from its environment variable or file by the one rule the controller
    /// also follows (``SecretSource``: trailing spaces, tabs, CR and LF removed).
    public static func value(of reference: SecretReference) throws(AgentError) -> String {
        let source = SecretSource(baseDirectory: ".") { name in getenv(name).map { String(cString: $0) } }
        do {
            return try source.value(of: reference)
        } catch {
            switch error {
            case .unset: throw AgentError(code: .token, message: "the environment variable \(reference.name) is not set")
            case .noFile: throw AgentError(code: .token, message: "the token file '\(reference.name)' does not exist")
            case .unreadable(_, let failure): throw AgentError(failure)
            case .notText: throw AgentError(code: .token, message: "the token file '\(reference.name)' is not UTF-8 text")
            case .empty: throw AgentError(code: .token, message: "the token from \(reference) is empty")
            }
        }
    }

    private static func reference(_ json: JSON) -> String? {
        guard case .object(let fields) = json, fields.count == 1, fields[0].0 == "secret", case .string(let reference) = fields[0].1 else {
            return nil
        }
        return reference
    }

    private static func collect(_ json: JSON, into found: inout Set<String>) {
        if let reference = reference(json) {
            found.insert(reference)
            return
        }
        switch json {
        case .array(let items): for item in items { collect(item, into: &found) }
        case .object(let fields): for (_, value) in fields { collect(value, into: &found) }
        default: break
        }
    }
}
