/// What an agent's backends say beside its state: warnings of the apply that made the generation (apply
/// answers only), hand edits found on the machine, and queue health. Every field is optional on the wire.
public struct BackendReport: Sendable, Hashable {
    /// Mail features in use that a backend cannot express.
    public var warnings: [BackendWarning]
    /// Differences between the rendered and the running configuration; nil when no backend checks drift.
    public var drift: [BackendDrift]?
    /// The mail queue's health; nil when no backend has a queue.
    public var queue: QueueHealth?
    /// The VRRP instance's state and the virtual addresses held; nil when no backend runs keepalived.
    public var vrrp: VRRPReport?

    /// Creates a report.
    public init(warnings: [BackendWarning] = [], drift: [BackendDrift]? = nil, queue: QueueHealth? = nil, vrrp: VRRPReport? = nil) {
        self.warnings = warnings
        self.drift = drift
        self.queue = queue
        self.vrrp = vrrp
    }

    /// Whether there is nothing to say.
    public var isEmpty: Bool { warnings.isEmpty && drift == nil && queue == nil && vrrp == nil }

    /// Two reports as one (several backends).
    public func merged(with other: BackendReport) -> BackendReport {
        let drift: [BackendDrift]? = (self.drift == nil && other.drift == nil) ? nil : (self.drift ?? []) + (other.drift ?? [])
        return BackendReport(warnings: warnings + other.warnings, drift: drift, queue: queue ?? other.queue, vrrp: vrrp ?? other.vrrp)
    }

    /// The JSON form: only the fields that have something to say.
    public var json: JSON {
        var fields: [(String, JSON)] = []
        if !warnings.isEmpty { fields.append(("warnings", .array(warnings.map(\.json)))) }
        if let drift { fields.append(("drift", .array(drift.map(\.json)))) }
        if let queue { fields.append(("queue", queue.json)) }
        if let vrrp { fields.append(("vrrp", vrrp.json)) }
        return .object(fields)
    }

    /// Reads the JSON form leniently: unknown fields and unreadable items are skipped.
    public init(json: JSON) {
        var warnings: [BackendWarning] = []
        if case .array(let items)? = json["warnings"] { warnings = items.compactMap(BackendWarning.init(json:)) }
        var drift: [BackendDrift]?
        if case .array(let items)? = json["drift"] { drift = items.compactMap(BackendDrift.init(json:)) }
        self.init(
            warnings: warnings, drift: drift, queue: json["queue"].flatMap(QueueHealth.init(json:)),
            vrrp: json["vrrp"].flatMap(VRRPReport.init(json:)))
    }
}
