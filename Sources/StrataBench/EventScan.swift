import CYAML
import Foundation

/// The floor of reading YAML: libyaml's event parser over every file, building nothing.
public enum EventScan {
    /// What a scan read.
    public struct Totals: Sendable {
        /// Files parsed.
        public var files = 0
        /// Bytes read.
        public var bytes = 0
        /// libyaml events produced.
        public var events = 0
        /// Files libyaml refused.
        public var failures = 0
    }

    /// Every `.yaml` and `.yml` file under `root`, in sorted order.
    public static func files(under root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { paths.append(root + "/" + path) }
        }
        return paths.sorted()
    }

    /// Reads and scans every YAML file under `root` on one thread.
    public static func scan(root: String) throws -> Totals {
        var totals = Totals()
        for path in files(under: root) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            totals.files += 1
            totals.bytes += bytes.count
            if let events = events(in: bytes) { totals.events += events } else { totals.failures += 1 }
        }
        return totals
    }

    /// The number of events libyaml produces for `bytes`, or nil on a parse error.
    public static func events(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                count += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { return count }
            }
        }
    }
}
