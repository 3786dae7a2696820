import StrataModel
import StrataCatalogue

/// The checks an apply or rollback passes before it waits for the lock: the right machine, secrets
/// that match the references, and (for an apply) the agent's own configuration checks.
enum RequestChecks {
    /// Refuses an apply that is not for this machine (421), whose secrets do not match its references
    /// (400), or whose configuration fails the standalone checks (422). Returns the warnings.
    static func check(_ request: ApplyRequest, machine: String) throws(AgentFailure) -> [Diagnostic] {
        try checkMachine(request.machine, served: machine)
        guard request.expectedGeneration >= 0 else {
            throw .malformed("field 'expected_generation' in apply request must not be negative")
        }
        let references = ConfigurationSecrets.references(in: request.configuration)
        if let missing = references.subtracting(request.secrets.keys).sorted().first {
            throw .malformed("the configuration references the secret '\(missing)', but 'secrets' has no value for it")
        }
        if let unused = Set(request.secrets.keys).subtracting(references).sorted().first {
            throw .malformed("'secrets' holds '\(unused)', which the configuration does not reference")
        }
        let (decoded, decoding) = CanonicalDecoder.decode(request.configuration, machine: MachineName(machine))
        var diagnostics = decoding
        if let decoded { diagnostics.append(contentsOf: CanonicalDecoder.check(decoded)) }
        guard decoded != nil, !diagnostics.hasErrors else { throw .invalidConfiguration(diagnostics.sorted) }
        return diagnostics.sorted
    }

    /// Refuses a rollback that is not for this machine (421) or names no generation (400).
    static func check(_ request: RollbackRequest, machine: String) throws(AgentFailure) {
        try checkMachine(request.machine, served: machine)
        guard request.expectedGeneration >= 0, request.toGeneration >= 1 else {
            throw .malformed("'expected_generation' must be 0 or more and 'to_generation' 1 or more")
        }
    }

    /// Refuses a release that is not for this machine (421), names no valid cluster or a negative generation (400).
    static func check(_ request: ReleaseRequest, machine: String) throws(AgentFailure) {
        try checkMachine(request.machine, served: machine)
        guard request.expectedGeneration >= 0 else {
            throw .malformed("field 'expected_generation' in release request must not be negative")
        }
        guard NameRules.isValidClusterOrGroupName(request.cluster) else {
            throw .malformed("field 'cluster' in release request is not a valid cluster name")
        }
    }

    private static func checkMachine(_ requested: String, served: String) throws(AgentFailure) {
        guard requested == served else { throw .wrongMachine(requested: requested, served: served) }
    }
}
