public import StrataModel
import StrataCatalogue

/// How one machine's live state differs from its desired configuration: the changes that applying would make
/// (`before` live, `after` desired), including secrets whose value changed behind an unchanged reference.
public struct LiveComparison: Sendable {
    /// create (nothing live yet), update or noop.
    public var action: MachineAction
    /// The changes in path order; a rotated secret is a change whose both sides are the same reference.
    public var changes: [ConfigChange]
    /// Things the comparison could not settle (a secret not available here, a live configuration that cannot be read).
    public var notes: [String]
    /// The changes that would stop the machine accepting or relaying mail (none for a machine with nothing live).
    public var destructive: [DestructiveChange] = []

    /// Compares `desired` with `live`. Secrets are resolved only to compare their SHA-256 digests with the
    /// digests the agent reports; a secret that cannot be resolved here is a note, not a change.
    public init(desired: EffectiveConfiguration, live: AgentState, secrets: some SecretDigests) {
        notes = []
        var before: EffectiveConfiguration?
        if live.generation > 0, let configuration = live.configuration {
            let (decoded, diagnostics) = CanonicalDecoder.decode(configuration, machine: desired.machine, file: "live configuration")
            if var decoded {
                decoded.cluster = desired.cluster
                decoded.group = desired.group
                before = decoded
            } else {
                let first = diagnostics.sorted.first.map { ": \($0.message)" } ?? ""
                notes.append("the live configuration of generation \(live.generation) cannot be read\(first); applying replaces it whole")
            }
        }
        if let before {
            changes = ConfigDiffer.changes(before: before, after: desired)
            destructive = DestructiveRules.findings(before: before, after: desired)
            action = .update
        } else {
            changes = ConfigDiffer.machineDiff(before: nil, after: desired)?.changes ?? []
            action = live.generation == 0 ? .create : .update
        }
        var rotated: [ConfigChange] = []
        var seen = Set<String>()
        for use in SecretUse.all(in: desired) where seen.insert(use.path + " " + use.reference.description).inserted {
            let covered = changes.contains { Self.covers($0.path, use.path) }
            guard let digest = secrets.digest(of: use.reference) else {
                notes.append(
                    covered
                        ? "secret \(use.reference) (\(use.path)) is not available here; applying needs it"
                        : "secret \(use.reference) (\(use.path)) is not available here, so whether its value changed is not known; applying needs it")
                continue
            }
            if covered { continue }
            if live.secretDigests[use.reference.description] != digest {
                let value = Value(.secret(use.reference))
                rotated.append(ConfigChange(path: use.path, before: value, after: value))
            }
        }
        if !rotated.isEmpty { changes = Self.merge(changes, rotated) }
        if action == .update && changes.isEmpty { action = .noop }
    }

    /// Whether a change at `path` includes the value at `inner`.
    static func covers(_ path: String, _ inner: String) -> Bool {
        inner == path || inner.hasPrefix(path + ".") || inner.hasPrefix(path + "[")
    }

    /// Rotations placed after the other changes of their feature, keeping catalogue order.
    private static func merge(_ changes: [ConfigChange], _ rotated: [ConfigChange]) -> [ConfigChange] {
        var result = changes
        for change in rotated {
            let feature = Self.feature(of: change.path)
            if let last = result.lastIndex(where: { Self.feature(of: $0.path) == feature }) {
                result.insert(change, at: last + 1)
            } else {
                let order = Catalogue.names
                let rank = order.firstIndex(of: feature) ?? order.count
                let index = result.firstIndex { (order.firstIndex(of: Self.feature(of: $0.path)) ?? order.count) > rank } ?? result.count
                result.insert(change, at: index)
            }
        }
        return result
    }

    /// The feature a path starts with: `listeners` for `listeners[IncomingMail].port`.
    public static func feature(of path: String) -> String {
        String(path.prefix { $0 != "." && $0 != "[" })
    }
}
