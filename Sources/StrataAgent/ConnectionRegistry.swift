import NIOCore
import Synchronization

/// The agent's open connections, shared by every event loop: at `limits.max_connections` a new
/// connection is admitted by closing the one that has waited longest without a request being
/// answered (idle, or still sending its head), so health checks keep answering under a flood of
/// idle connections. A connection whose request the agent is answering is never closed for another.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        /// Since when it may be closed for a newcomer; nil while its request is being answered.
        var evictableSince: NIODeadline?
    }

    private let maxConnections: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maxConnections: Int) { self.maxConnections = maxConnections }

    /// Counts a newly accepted connection; at the cap closes the oldest evictable one, or the new one
    /// when every connection is busy. Returns false when the new one was refused.
    @discardableResult
    func admit(_ channel: any Channel) -> Bool {
        let key = ObjectIdentifier(channel)
        let (admitted, victim): (Bool, (any Channel)?) = entries.withLock { entries in
            var victim: (any Channel)?
            if entries.count >= maxConnections {
                let candidates = entries.compactMap { key, entry in entry.evictableSince.map { (key: key, since: $0) } }
                guard let oldest = candidates.min(by: { $0.since < $1.since }) else { return (false, nil) }
                victim = entries.removeValue(forKey: oldest.key)?.channel
            }
            entries[key] = Entry(channel: channel, evictableSince: .now())
            return (true, victim)
        }
        victim?.close(promise: nil)
        guard admitted else {
            channel.close(promise: nil)
            return false
        }
        channel.closeFuture.whenComplete { [weak self] _ in self?.remove(key) }
        return true
    }

    /// A request head arrived: the connection is busy until its answer is written.
    func markBusy(_ channel: any Channel) {
        entries.withLock { $0[ObjectIdentifier(channel)]?.evictableSince = nil }
    }

    /// The answer was written: the connection may be closed for a newcomer again.
    func markEvictable(_ channel: any Channel) {
        entries.withLock { $0[ObjectIdentifier(channel)]?.evictableSince = .now() }
    }

    /// How many connections are open (for tests and logs).
    var count: Int { entries.withLock { $0.count } }

    private func remove(_ key: ObjectIdentifier) {
        entries.withLock { _ = $0.removeValue(forKey: key) }
    }
}
