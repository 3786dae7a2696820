import CYAML
import StrataModel

/// Turns libyaml events into a ``YAMLNode`` tree, enforcing depth and alias-expansion limits.
struct TreeBuilder {
    private struct Built {
        var node: YAMLNode
        /// Nodes this one stands for once every alias inside it is expanded.
        var weight: Int
        /// Scalar bytes (keys and values) it stands for once every alias inside it is expanded.
        var bytes: Int
    }

    /// An open mapping or sequence; mutated in place on the stack so appends never copy.
    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var entries: [YAMLEntry] = []
        var pendingKey: YAMLNode?
        /// Keys of `entries`, kept only once the mapping is large: small mappings are searched directly.
        var keys: Set<String>?
        var merges: [YAMLNode] = []
        var mark: SourceMark
        /// Byte offset of the collection's start; `flow` collections end at their closing bracket,
        /// block ones at the end of their last item (`lastEnd`).
        var startOffset: Int32
        var flow: Bool
        var lastEnd: Int32
        var anchor: String?
        var weight = 1
        var bytes = 0

        /// Records `key` as one of the entries' keys (called before the entry is appended); false when it already is.
        mutating func insertKey(_ key: String) -> Bool {
            if keys == nil {
                guard entries.count >= 12 else { return !entries.contains { $0.keyText == key } }
                keys = Set(entries.compactMap(\.keyText))
            }
            return keys?.insert(key).inserted ?? false
        }
    }

    let file: String
    let limits: YAMLLimits
    private(set) var root: YAMLNode?
    private(set) var diagnostics = Diagnostics()
    private var stack: [Frame] = []
    private var anchors: [String: Built] = [:]
    /// Nodes written in the file (scalars, collections and aliases), aliases not followed.
    private var writtenNodes = 0
    /// Nodes and scalar bytes of the document once aliases are followed; each node counted once.
    private var expandedNodes = 0
    private var expandedBytes = 0
    private var documents = 0
    private var sharedScalars: [String: YAMLScalar] = [:]

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    private func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(line: Int32(clamping: mark.line + 1), column: Int32(clamping: mark.column + 1))
    }

    private func location(_ mark: SourceMark) -> SourceLocation { mark.location(in: file) }

    private static func offset(_ mark: yaml_mark_t) -> Int32 { Int32(clamping: mark.index) }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Consumes one event; returns a diagnostic when parsing must stop.
    mutating func consume(_ event: yaml_event_t) -> Diagnostic? {
        let start = mark(event.start_mark)
        if let tooMany = countWrittenNode(event.type, at: start) { return tooMany }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return Diagnostic(
                    .multipleDocuments, "a configuration file holds one YAML document; found a second one",
                    at: location(start), help: "remove the `---` separator or move the document to its own file")
            }
        case YAML_SCALAR_EVENT:
            return consumeScalar(event, at: start)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard var built = anchors[name] else {
                return Diagnostic(.yamlSyntax, "alias '*\(name)' refers to no anchor defined before it", at: location(start))
            }
            built.node.mark = start
            built.node.span = ByteSpan(start: Self.offset(event.start_mark), end: Self.offset(event.end_mark))
            return complete(built, alias: true, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            if let tag = Self.string(event.data.sequence_start.tag), let problem = Self.unsupportedTag(tag) {
                return Diagnostic(.unsupportedYAML, problem, at: location(start), help: Self.tagHelp)
            }
            let flow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            return push(frame(isMapping: false, event, flow: flow, at: start, anchor: event.data.sequence_start.anchor), at: start)
        case YAML_MAPPING_START_EVENT:
            if let tag = Self.string(event.data.mapping_start.tag), let problem = Self.unsupportedTag(tag) {
                return Diagnostic(.unsupportedYAML, problem, at: location(start), help: Self.tagHelp)
            }
            let flow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            return push(frame(isMapping: true, event, flow: flow, at: start, anchor: event.data.mapping_start.anchor), at: start)
        case YAML_SEQUENCE_END_EVENT:
            guard let frame = stack.popLast(), !frame.isMapping else { return nil }
            let node = YAMLNode(.sequence(frame.items), at: frame.mark, span: Self.span(of: frame, ending: event))
            return complete(Built(node: node, weight: frame.weight, bytes: frame.bytes), alias: false, anchor: frame.anchor)
        case YAML_MAPPING_END_EVENT:
            guard var frame = stack.popLast(), frame.isMapping else { return nil }
            applyMerges(&frame)
            let node = YAMLNode(.mapping(frame.entries), at: frame.mark, span: Self.span(of: frame, ending: event))
            return complete(Built(node: node, weight: frame.weight, bytes: frame.bytes), alias: false, anchor: frame.anchor)
        default:
            break
        }
        return nil
    }

    private func frame(
        isMapping: Bool, _ event: yaml_event_t, flow: Bool, at start: SourceMark, anchor: UnsafeMutablePointer<yaml_char_t>?
    ) -> Frame {
        let offset = Self.offset(event.start_mark)
        return Frame(isMapping: isMapping, mark: start, startOffset: offset, flow: flow, lastEnd: offset, anchor: Self.string(anchor))
    }

    /// A block collection's end event comes at the next token (past comments and blank lines), so it
    /// ends with its last item instead; a flow collection ends at its bracket.
    private static func span(of frame: Frame, ending event: yaml_event_t) -> ByteSpan {
        ByteSpan(start: frame.startOffset, end: frame.flow ? offset(event.end_mark) : frame.lastEnd)
    }

    /// Counts a node as written (aliases count once here; their expanded size is bounded separately).
    private mutating func countWrittenNode(_ type: yaml_event_type_t, at start: SourceMark) -> Diagnostic? {
        switch type {
        case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            writtenNodes += 1
            guard writtenNodes > limits.maxNodes else { return nil }
            return Diagnostic(
                .tooManyNodes, "the document has more than \(limits.maxNodes) nodes (scalars, lists and mappings as written)",
                at: location(start), help: "split the configuration; no real Strata file comes near this many values")
        default:
            return nil
        }
    }

    private mutating func consumeScalar(_ event: yaml_event_t, at start: SourceMark) -> Diagnostic? {
        let scalar = event.data.scalar
        let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
        let tag = Self.string(scalar.tag)
        if let tag, let problem = Self.unsupportedTag(tag) {
            return Diagnostic(.unsupportedYAML, problem, at: location(start), help: Self.tagHelp)
        }
        let style: YAMLScalar.Style =
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
        let span = ByteSpan(start: Self.offset(event.start_mark), end: Self.offset(event.end_mark))
        let node = YAMLNode(.scalar(makeScalar(text: text, style: style, tag: tag)), at: start, span: span)
        return complete(Built(node: node, weight: 1, bytes: scalar.length), alias: false, anchor: Self.string(scalar.anchor))
    }

    /// A scalar, shared with an earlier one of the same text when it is short, plain and untagged: the
    /// same word written a million times (`accept`, `true`, a list of `a`) then costs one object, not a million.
    private mutating func makeScalar(text: String, style: YAMLScalar.Style, tag: String?) -> YAMLScalar {
        guard style == .plain, tag == nil, text.utf8.count <= 15 else { return YAMLScalar(text: text, style: style, tag: tag) }
        if let shared = sharedScalars[text] { return shared }
        // Bounded, so a file of distinct words does not grow a second copy of itself.
        if sharedScalars.count >= 4_096 { sharedScalars.removeAll(keepingCapacity: true) }
        let scalar = YAMLScalar(text: text, style: style, tag: tag)
        sharedScalars[text] = scalar
        return scalar
    }

    private mutating func push(_ frame: Frame, at start: SourceMark) -> Diagnostic? {
        guard stack.count < limits.maxDepth else {
            return Diagnostic(
                .nestingTooDeep, "nesting is deeper than the limit of \(limits.maxDepth) levels", at: location(start),
                help: "Strata files need only a few levels; flatten the structure")
        }
        stack.append(frame)
        return nil
    }

    /// Adds a finished node to its parent. Counts it into the expanded totals: a written node once
    /// (a collection's children were counted as they finished), an alias with all its anchor stands for.
    private mutating func complete(_ built: Built, alias: Bool, anchor: String?) -> Diagnostic? {
        expandedNodes += alias ? built.weight : 1
        if expandedNodes > limits.maxExpandedNodes {
            return Diagnostic(
                .aliasExpansion,
                "the document expands to more than \(limits.maxExpandedNodes) nodes once aliases are followed",
                at: location(built.node.mark),
                help: "aliases that nest other aliases multiply; write the values out or use fewer levels of aliases")
        }
        if alias || built.node.scalar != nil { expandedBytes += built.bytes }
        if expandedBytes > limits.maxExpandedBytes {
            return Diagnostic(
                .expandedBytes,
                "the document's keys and values add up to more than \(limits.maxExpandedBytes) bytes once aliases are followed",
                at: location(built.node.mark),
                help: "an alias repeats all of its anchor's text; write a large value once, or raise the limit with \(YAMLLimits.expandedBytesVariable)")
        }
        if let anchor { anchors[anchor] = built }
        guard !stack.isEmpty else {
            root = built.node
            return nil
        }
        let top = stack.count - 1
        stack[top].weight += built.weight
        stack[top].lastEnd = max(stack[top].lastEnd, built.node.span.end)
        stack[top].bytes += built.bytes
        if !stack[top].isMapping {
            stack[top].items.append(built.node)
        } else if let key = stack[top].pendingKey {
            stack[top].pendingKey = nil
            addEntry(key: key, value: built.node, to: top)
        } else {
            stack[top].pendingKey = built.node
        }
        return nil
    }

    private mutating func addEntry(key: YAMLNode, value: YAMLNode, to index: Int) {
        guard let scalar = key.scalar else {
            diagnostics.report(
                .unsupportedYAML, "mapping keys must be plain strings, not \(key.kindDescription)", at: location(key.mark))
            return
        }
        if scalar.style == .plain && scalar.text == "<<" {
            stack[index].merges.append(value)
            return
        }
        if !stack[index].insertKey(scalar.text) {
            let first = stack[index].entries.first { $0.keyText == scalar.text }
            diagnostics.report(
                .duplicateKey, "duplicate key '\(scalar.text)' in this mapping", at: location(key.mark),
                notes: first.map { [DiagnosticNote("first defined here", at: location($0.key.mark))] } ?? [],
                help: "keep one of the two entries")
            return
        }
        stack[index].entries.append(YAMLEntry(key: key, value: value))
    }

    /// YAML merge keys (`<<: *base`): keys written in the mapping win over merged ones.
    private mutating func applyMerges(_ frame: inout Frame) {
        for merge in frame.merges {
            let sources: [YAMLNode]
            switch merge.content {
            case .mapping: sources = [merge]
            case .sequence(let items): sources = items
            case .scalar:
                diagnostics.report(.unsupportedYAML, "a merge key '<<' takes a mapping or a list of mappings", at: location(merge.mark))
                continue
            }
            for source in sources {
                guard let entries = source.mappingEntries else {
                    diagnostics.report(.unsupportedYAML, "a merge key '<<' takes a mapping or a list of mappings", at: location(source.mark))
                    continue
                }
                for entry in entries {
                    guard let text = entry.keyText, frame.insertKey(text) else { continue }
                    frame.entries.append(entry)
                }
            }
        }
    }

    private static let tagHelp = "remove the tag; secrets are written {env: NAME} or {file: PATH}"

    private static func unsupportedTag(_ tag: String) -> String? {
        let supported: Set<String> = [
            "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:float", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
        ]
        return supported.contains(tag) ? nil : "the tag '\(tag)' is not supported in Strata files"
    }
}
