import CYAML
public import StrataModel

/// A YAML document to emit: scalars, sequences and mappings with string keys.
public indirect enum YAMLOutput: Sendable {
    /// A scalar; `text` is quoted when it would otherwise read back as another type.
    case string(String)
    /// A scalar written as is (numbers, booleans).
    case plain(String)
    /// A string of several lines, written as a literal block (`|`) when libyaml can.
    case literal(String)
    case sequence([YAMLOutput])
    case mapping([(String, YAMLOutput)])
}

/// Emits YAML with libyaml's emitter.
public enum YAMLWriter {
    /// The document as UTF-8 text, nested mappings indented by `indent` spaces; nil only when libyaml fails.
    public static func emit(_ document: YAMLOutput, indent: Int = 2) -> String? {
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else { return nil }
        defer { yaml_emitter_delete(&emitter) }
        final class Sink {
            var bytes: [UInt8] = []
        }
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(&emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, context)
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_width(&emitter, 120)
        yaml_emitter_set_indent(&emitter, Int32(clamping: indent))
        var ok = true
        var event = yaml_event_t()
        func send(_ made: Int32) {
            guard ok else { return }
            ok = made == 1 && yaml_emitter_emit(&emitter, &event) == 1
        }
        send(yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING))
        send(yaml_document_start_event_initialize(&event, nil, nil, nil, 1))
        func write(_ node: YAMLOutput) {
            switch node {
            case .plain(let text):
                scalar(text, style: YAML_PLAIN_SCALAR_STYLE)
            case .literal(let text):
                scalar(text, style: YAML_LITERAL_SCALAR_STYLE)
            case .string(let text):
                let plainReadsBack = ResolvedScalar.resolve(text: text, plain: true, tag: nil) == .string(text)
                scalar(text, style: plainReadsBack ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE)
            case .sequence(let items):
                send(yaml_sequence_start_event_initialize(&event, nil, nil, 1, items.isEmpty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE))
                items.forEach(write)
                send(yaml_sequence_end_event_initialize(&event))
            case .mapping(let entries):
                send(yaml_mapping_start_event_initialize(&event, nil, nil, 1, entries.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE))
                for (key, value) in entries {
                    write(.string(key))
                    write(value)
                }
                send(yaml_mapping_end_event_initialize(&event))
            }
        }
        func scalar(_ text: String, style: yaml_scalar_style_t) {
            var bytes = Array(text.utf8)
            let count = Int32(bytes.count)
            bytes.withUnsafeMutableBufferPointer { buffer in
                send(yaml_scalar_event_initialize(&event, nil, nil, buffer.baseAddress, count, 1, 1, style))
            }
        }
        write(document)
        send(yaml_document_end_event_initialize(&event, 1))
        send(yaml_stream_end_event_initialize(&event))
        guard ok, yaml_emitter_flush(&emitter) == 1 else { return nil }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

extension YAMLOutput {
    /// The YAML form of a canonical value: durations with a unit, secrets as `{env: NAME}`.
    public init(_ value: Value) {
        switch value.kind {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .plain(String(number))
        case .boolean(let flag): self = .plain(flag ? "true" : "false")
        case .duration(let seconds): self = .plain(DurationFormat.format(seconds))
        case .secret(let reference): self = .mapping([(reference.source.rawValue, .string(reference.name))])
        case .list(let items): self = .sequence(items.map(YAMLOutput.init))
        case .record(let fields): self = .mapping(fields.map { ($0.name, YAMLOutput($0.value)) })
        }
    }
}
