/// The stable diagnostic codes, grouped by the stage that reports them; each has a page in `Docs/diagnostics.md`.
///
/// E0xx: reading files and YAML. E1xx: types and shapes. E2xx: structure and modes.
/// E3xx: references between settings. E4xx/W4xx: cluster requirements.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // Reading
    case yamlSyntax = "E001"
    case duplicateKey = "E002"
    case fileTooLarge = "E003"
    case nestingTooDeep = "E004"
    case aliasExpansion = "E005"
    case invalidEncoding = "E006"
    case invalidName = "E007"
    case outsideRepository = "E008"
    case wrongExtension = "E009"
    case multipleDocuments = "E010"
    case unreadableFile = "E011"
    case noClusters = "E012"
    case unsupportedYAML = "E013"
    case unexpectedFile = "W014"
    // Types and shapes
    case nullValue = "E101"
    case typeMismatch = "E102"
    case unknownKey = "E103"
    case unknownFeature = "E104"
    case missingField = "E105"
    case invalidValue = "E106"
    case duplicateItem = "E107"
    case plainPassword = "E108"
    case literalSecret = "E109"
    // Structure and modes
    case restrictedMode = "E201"
    case machineWithoutGroup = "E202"
    case unknownGroup = "E203"
    case clusterWithoutGroups = "E204"
    case missingClusterFile = "E205"
    // References
    case unresolvedReference = "E301"
    case wrongReferenceKind = "E302"
    case duplicateBinding = "E303"
    // Cluster requirements
    case mixedAddressing = "E401"
    case tooManyMachines = "W402"
    case duplicateAddress = "E403"
    case duplicateHostname = "E404"
    case duplicateSerial = "E405"
    case duplicateFeatureKey = "E406"
    case groupNamedAsCluster = "W407"
    case noListeners = "W408"
    case differingTimezones = "W409"
    case mtaRelation = "E410"

    /// Errors start with `E`, warnings with `W`.
    public var severity: Severity { rawValue.hasPrefix("W") ? .warning : .error }

    /// A short title, used in documentation and `strata explain`-style listings.
    public var title: String {
        switch self {
        case .yamlSyntax: "YAML syntax error"
        case .duplicateKey: "duplicate mapping key"
        case .fileTooLarge: "file over the size limit"
        case .nestingTooDeep: "nesting deeper than the limit"
        case .aliasExpansion: "aliases expand beyond the limit"
        case .invalidEncoding: "file is not UTF-8 text"
        case .invalidName: "invalid cluster, group or machine name"
        case .outsideRepository: "path leads outside the repository"
        case .wrongExtension: "configuration file with the wrong extension"
        case .multipleDocuments: "more than one YAML document in a file"
        case .unreadableFile: "file cannot be read"
        case .noClusters: "no cluster found"
        case .unsupportedYAML: "unsupported YAML construct"
        case .unexpectedFile: "unexpected file ignored"
        case .nullValue: "null value"
        case .typeMismatch: "wrong type"
        case .unknownKey: "unknown key"
        case .unknownFeature: "unknown feature"
        case .missingField: "missing required field"
        case .invalidValue: "invalid value"
        case .duplicateItem: "duplicate list item"
        case .plainPassword: "plain-text password"
        case .literalSecret: "secret written as a literal"
        case .restrictedMode: "feature configured in a mode it is not allowed in"
        case .machineWithoutGroup: "machine without a group"
        case .unknownGroup: "machine in a group that has no file"
        case .clusterWithoutGroups: "cluster with no group"
        case .missingClusterFile: "cluster directory without cluster.yaml"
        case .unresolvedReference: "reference the machine does not resolve"
        case .wrongReferenceKind: "reference to an item of the wrong kind"
        case .duplicateBinding: "two listeners bind the same interface and port"
        case .mixedAddressing: "machine name not of the cluster's addressing kind"
        case .tooManyMachines: "more machines than the cluster's limit"
        case .duplicateAddress: "interface address used twice in the cluster"
        case .duplicateHostname: "host name used twice in the cluster"
        case .duplicateSerial: "serial number used twice in the cluster"
        case .duplicateFeatureKey: "feature key used twice in the cluster"
        case .groupNamedAsCluster: "group named like its cluster"
        case .noListeners: "machine accepts no mail"
        case .differingTimezones: "machines resolve different time zones"
        case .mtaRelation: "inconsistent mta limits"
        }
    }
}
