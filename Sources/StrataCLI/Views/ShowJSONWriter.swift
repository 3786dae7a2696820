import StrataModel
import StrataCatalogue

/// Writes `show`'s JSON output contract (cluster, group, machine, settings, provenance, and overrides with
/// --explain) straight into bytes, one machine at a time, so a fleet's output is never held whole.
///
/// A feature's value is rendered once per cluster and mode: every machine that resolves it from the same
/// cluster or group mode reuses those bytes. Machine modes are not cached (one machine each), nor are defaults
/// (they may depend on the machine's name) or values resolved per machine (``FailoverPeers``).
struct ShowJSONWriter {
    private struct CacheKey: Hashable {
        let feature: String
        let mode: Mode
    }

    /// The bytes written since the last ``take()``.
    private(set) var writer = JSONWriter()
    let explain: Bool
    /// How deep the machine's object is nested: 0 for one machine, 2 inside `{"machines": [...]}`.
    let level: Int
    /// Rendered values, in pieces of about a megabyte (a 50,000-row table is about 8 MB).
    private var cache: [CacheKey: [[UInt8]]] = [:]
    private var cacheCluster: ClusterName?
    /// Receives the output in pieces of about a megabyte (a cached value as it is), so that a machine with
    /// large tables is never held twice.
    private let sink: ([UInt8]) -> Void

    init(explain: Bool, level: Int, sink: @escaping ([UInt8]) -> Void) {
        self.explain = explain
        self.level = level
        self.sink = sink
    }

    /// Appends JSON punctuation between machines.
    mutating func raw(_ text: StaticString) { writer.raw(text) }

    /// Hands the bytes written so far to the sink.
    mutating func flush() {
        guard !writer.bytes.isEmpty else { return }
        sink(writer.bytes)
        writer.bytes.removeAll(keepingCapacity: true)
    }

    /// One machine's object, its first line not indented.
    mutating func machine(_ configuration: EffectiveConfiguration) {
        if cacheCluster != configuration.cluster {
            cache.removeAll(keepingCapacity: true)
            cacheCluster = configuration.cluster
        }
        let inner = level + 1
        writer.raw("{")
        for (name, text) in [("cluster", configuration.cluster.rawValue), ("group", configuration.group.rawValue),
                             ("machine", configuration.machine.rawValue)] {
            if name != "cluster" { writer.raw(",") }
            writer.newline(inner)
            writer.key(name, pretty: true)
            writer.string(text)
        }
        field("settings", configuration.features) { this, feature in this.settingValue(feature) }
        field("provenance", configuration.features) { this, feature in this.writer.string(feature.provenance.description) }
        if explain {
            field("overrides", configuration.features) { this, feature in
                this.writer.value(.list(feature.overrides.map { .string($0.description) }), indent: this.level + 2)
            }
        }
        writer.newline(level)
        writer.raw("}")
    }

    /// `"name": {feature: …}` at the machine's field level, each feature's value written by `body`.
    private mutating func field(
        _ name: String, _ features: [ResolvedFeature], body: (inout ShowJSONWriter, ResolvedFeature) -> Void
    ) {
        writer.raw(",")
        writer.newline(level + 1)
        writer.key(name, pretty: true)
        if features.isEmpty { return writer.raw("{}") }
        writer.raw("{")
        for (index, feature) in features.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.newline(level + 2)
            writer.key(feature.name, pretty: true)
            body(&self, feature)
            if writer.bytes.count >= 1 << 20 { flush() }
        }
        writer.newline(level + 1)
        writer.raw("}")
    }

    private mutating func settingValue(_ feature: ResolvedFeature) {
        guard let mode = feature.sharedMode else { return writer.value(feature.value, indent: level + 2) }
        let key = CacheKey(feature: feature.name, mode: mode)
        let pieces: [[UInt8]]
        if let cached = cache[key] {
            pieces = cached
        } else {
            var rendered = JSONWriter(capacity: 256)
            rendered.pieceSize = 1 << 20
            rendered.value(feature.value, indent: level + 2)
            pieces = rendered.pieces + [rendered.bytes]
            cache[key] = pieces
        }
        if pieces.count == 1, pieces[0].count < 1 << 16 { return writer.raw(pieces[0]) }
        flush()
        for piece in pieces { sink(piece) }
    }
}
