/// A mail queue's health (from `postqueue -j`): messages per queue and the age of the oldest.
public struct QueueHealth: Sendable, Hashable {
    /// Messages in the active queue.
    public var active: Int
    /// Messages in the deferred queue.
    public var deferred: Int
    /// Messages on hold.
    public var hold: Int
    /// Messages in the incoming and maildrop queues.
    public var incoming: Int
    /// Age of the oldest message in seconds; nil when the queues are empty.
    public var oldestSeconds: Int?

    /// Creates a queue reading.
    public init(active: Int, deferred: Int, hold: Int, incoming: Int, oldestSeconds: Int?) {
        self.active = active
        self.deferred = deferred
        self.hold = hold
        self.incoming = incoming
        self.oldestSeconds = oldestSeconds
    }

    /// `active 0, deferred 2, hold 0, incoming 0, oldest 3m12s`.
    public var summary: String {
        var text = "active \(active), deferred \(deferred), hold \(hold), incoming \(incoming)"
        if let oldestSeconds { text += ", oldest \(oldestSeconds / 60)m\(oldestSeconds % 60)s" }
        return text
    }

    /// The JSON form.
    public var json: JSON {
        .object([
            ("active", .int(active)), ("deferred", .int(deferred)), ("hold", .int(hold)), ("incoming", .int(incoming)),
            ("oldest_seconds", oldestSeconds.map(JSON.int) ?? .null),
        ])
    }

    /// Reads the JSON form leniently (an answer field).
    public init?(json: JSON) {
        guard let active = json["active"]?.intValue, let deferred = json["deferred"]?.intValue, let hold = json["hold"]?.intValue
        else { return nil }
        self.init(active: active, deferred: deferred, hold: hold, incoming: json["incoming"]?.intValue ?? 0, oldestSeconds: json["oldest_seconds"]?.intValue)
    }
}
