import Glibc

/// Bounds that keep hostile YAML from exhausting time or memory.
///
/// Every bound is checked as the parser's events arrive, so a document is refused as soon as it
/// crosses one, before its tree is built.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read, in bytes (E003).
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and sequences (E004).
    public var maxDepth: Int
    /// Most nodes a document may write out, aliases not followed (E016).
    public var maxNodes: Int
    /// Most nodes a document may expand to once aliases are followed (E005, the alias-bomb bound).
    public var maxExpandedNodes: Int
    /// Most scalar bytes (keys and values) a document may expand to once aliases and merge keys are followed (E015).
    public var maxExpandedBytes: Int

    /// Creates limits.
    public init(
        maxFileBytes: Int = 32 << 20, maxDepth: Int = 64, maxNodes: Int = 10_000_000, maxExpandedNodes: Int = 10_000_000,
        maxExpandedBytes: Int = Self.defaultMaxExpandedBytes
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxExpandedNodes = maxExpandedNodes
        self.maxExpandedBytes = maxExpandedBytes
    }

    /// 64 MiB: twice the largest file, so only aliases can reach it.
    public static let defaultMaxExpandedBytes = 64 << 20

    /// The environment variable that overrides ``maxExpandedBytes`` for every command (a number of bytes).
    public static let expandedBytesVariable = "STRATA_YAML_MAX_EXPANDED_BYTES"

    /// The limits used unless a caller says otherwise: the defaults, with ``expandedBytesVariable`` applied.
    public static let standard = fromEnvironment().limits

    /// The problem with ``expandedBytesVariable`` when it is set but not a positive number of bytes (then
    /// the default applies); for the command line to report.
    public static let environmentProblem = fromEnvironment().problem

    /// The one place the environment is read: the defaults, with ``expandedBytesVariable`` applied when valid.
    public static func fromEnvironment() -> (limits: YAMLLimits, problem: String?) {
        guard let pointer = getenv(expandedBytesVariable) else { return (YAMLLimits(), nil) }
        return applying(expandedBytesSetting: String(cString: pointer))
    }

    /// The defaults with a value of ``expandedBytesVariable`` (nil: unset) applied when it is a positive number.
    public static func applying(expandedBytesSetting value: String?) -> (limits: YAMLLimits, problem: String?) {
        var limits = YAMLLimits()
        guard let value else { return (limits, nil) }
        guard let bytes = Int(value), bytes > 0 else {
            return (limits, "\(expandedBytesVariable) must be a positive number of bytes, not '\(value)'; using \(limits.maxExpandedBytes)")
        }
        limits.maxExpandedBytes = bytes
        return (limits, nil)
    }
}
