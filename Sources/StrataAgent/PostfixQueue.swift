import StrataModel
#if canImport(Glibc)
import Glibc
#endif

/// Queue health from `postqueue -j`: one JSON object per message (queue_name, arrival_time).
struct PostfixQueue: Sendable {
    let instance: PostfixInstance

    /// Nil when the instance does not run or postqueue fails.
    func health() -> QueueHealth? {
        let outcome = instance.runner.run(["postqueue", "-c", instance.settings.configDirectory, "-j"])
        guard outcome.succeeded else { return nil }
        var counts: [String: Int] = [:]
        var oldest: Int?
        for line in String(decoding: outcome.output, as: UTF8.self).split(separator: "\n") {
            guard let message = try? JSONParser.parse(Array(line.utf8)), let queue = message["queue_name"]?.stringValue else { continue }
            counts[queue, default: 0] += 1
            if let arrival = message["arrival_time"]?.intValue { oldest = min(oldest ?? arrival, arrival) }
        }
        let now = Int(time(nil))
        return QueueHealth(
            active: counts["active"] ?? 0, deferred: counts["deferred"] ?? 0, hold: counts["hold"] ?? 0,
            incoming: (counts["incoming"] ?? 0) + (counts["maildrop"] ?? 0), oldestSeconds: oldest.map { max(0, now - $0) })
    }
}
