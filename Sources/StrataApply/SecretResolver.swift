public import StrataModel
import StrataState
public import StrataPlan

/// Resolves secret references on the controller: `env:NAME` from the given environment, `file:PATH` as the file's
/// contents (relative paths from `baseDirectory`), trailing whitespace removed as the agent does.
///
/// Values leave this type only to be sent to the agent of the machine that needs them; plans and outputs get
/// their SHA-256 digests at most.
public struct SecretResolver: SecretDigests {
    private let environment: [String: String]
    private let baseDirectory: String

    /// A resolver reading this environment and relative files from `baseDirectory` (the repository root).
    public init(environment: [String: String], baseDirectory: String) {
        self.environment = environment
        self.baseDirectory = baseDirectory
    }

    /// The secret's value, read by the one rule the agent also follows (``SecretSource``: trailing spaces,
    /// tabs, CR and LF removed); `secret-missing` when the variable is unset or empty, or the file cannot be read.
    public func value(of reference: SecretReference) throws(AgentCallError) -> String {
        let environment = self.environment
        let source = SecretSource(baseDirectory: baseDirectory) { environment[$0] }
        do {
            return try source.value(of: reference)
        } catch {
            switch error {
            case .unset:
                throw AgentCallError(.secretMissing, "secret env:\(reference.name) is not set in the environment")
            case .empty where reference.source == .env:
                throw AgentCallError(.secretMissing, "secret env:\(reference.name) is not set in the environment")
            case .noFile(let path), .unreadable(let path, _):
                throw AgentCallError(.secretMissing, "secret file:\(reference.name) cannot be read", cause: path)
            case .notText(let path):
                throw AgentCallError(.secretMissing, "secret file:\(reference.name) is not UTF-8 text", cause: path)
            case .empty:
                let path = reference.name.hasPrefix("/") ? reference.name : baseDirectory + "/" + reference.name
                throw AgentCallError(.secretMissing, "secret file:\(reference.name) is empty", cause: path)
            }
        }
    }

    /// The values of several references, by reference (`env:NAME` → value); the first missing one throws.
    public func values(of references: [SecretReference]) throws(AgentCallError) -> [String: String] {
        var values: [String: String] = [:]
        for reference in references { values[reference.description] = try value(of: reference) }
        return values
    }

    /// The SHA-256 digest of the secret's value, or nil when it cannot be resolved here.
    public func digest(of reference: SecretReference) -> String? {
        (try? value(of: reference)).map(Digest.sha256)
    }
}
