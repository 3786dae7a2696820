import StrataModel
import StrataCatalogue

/// How long a connection may take and how many may be open (agent.yaml `limits:`): without them
/// anyone who reaches the port could hold every file descriptor with idle or half-sent requests.
public struct AgentLimits: Sendable, Hashable {
    /// A request's head must be complete this long after its first byte arrived.
    public var headerTimeoutSeconds: Int
    /// A connection with no request in progress (before the first, between two) is closed after this long.
    public var idleTimeoutSeconds: Int
    /// A request's body must be complete this long after its head.
    public var bodyTimeoutSeconds: Int
    /// Open connections at most; at the cap the oldest idle one is closed to admit a new one.
    public var maxConnections: Int

    /// The defaults are those of Docs/agent-api.md.
    public init(headerTimeoutSeconds: Int = 10, idleTimeoutSeconds: Int = 30, bodyTimeoutSeconds: Int = 30, maxConnections: Int = 512) {
        self.headerTimeoutSeconds = headerTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maxConnections = maxConnections
    }

    /// The durations accepted for the timeouts: at least a second, at most a day.
    static let timeoutRange = 1...86_400

    /// The `limits:` record in agent.yaml's schema.
    static let schema = FieldSchema(
        "limits",
        .record(RecordSchema([
            FieldSchema("header_timeout", .duration, .defaulted(.duration(10)), "time to send a request's head, from its first byte"),
            FieldSchema("idle_timeout", .duration, .defaulted(.duration(30)), "time a connection may wait with no request in progress"),
            FieldSchema("body_timeout", .duration, .defaulted(.duration(30)), "time to send a request's body, from its head"),
            FieldSchema("max_connections", .integer(8...65_536), .defaulted(.integer(512)), "open connections at most"),
        ])), .optional, "connection timeouts and cap")

    /// Reads the decoded `limits` record (nil: all defaults); a timeout out of range is reported at its location.
    static func read(_ record: Value?, file: String, diagnostics: inout Diagnostics) -> AgentLimits {
        var limits = AgentLimits()
        guard let record else { return limits }
        func seconds(_ name: String, default fallback: Int) -> Int {
            guard let value = record[field: name], let seconds = value.integerValue else { return fallback }
            guard timeoutRange.contains(seconds) else {
                diagnostics.report(
                    .invalidValue, "'agent.limits.\(name)' is \(seconds)s, outside 1s...1d", at: value.location ?? .file(file),
                    help: "the default is \(fallback)s")
                return fallback
            }
            return seconds
        }
        limits.headerTimeoutSeconds = seconds("header_timeout", default: limits.headerTimeoutSeconds)
        limits.idleTimeoutSeconds = seconds("idle_timeout", default: limits.idleTimeoutSeconds)
        limits.bodyTimeoutSeconds = seconds("body_timeout", default: limits.bodyTimeoutSeconds)
        limits.maxConnections = record[field: "max_connections"]?.integerValue ?? limits.maxConnections
        return limits
    }
}
