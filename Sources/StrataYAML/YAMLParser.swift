import CYAML
public import StrataModel

/// Reads YAML with libyaml's event parser straight into ``YAMLNode`` trees with source marks.
public enum YAMLParser {
    /// Parses one YAML document. Returns nil for an empty file or when an error stopped parsing;
    /// every problem is reported into `diagnostics` with its position in `file`.
    public static func parse(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .standard, diagnostics: inout Diagnostics
    ) -> YAMLNode? {
        guard bytes.count <= limits.maxFileBytes else {
            diagnostics.report(
                .fileTooLarge, "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes",
                at: .file(file), help: "split the configuration or remove the oversized value")
            return nil
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(file: file, limits: limits)
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                diagnostics.report(.unreadableFile, "libyaml could not allocate a parser", at: .file(file))
                return nil
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    diagnostics.append(parserError(parser, bytes: buffer, file: file))
                    return nil
                }
                let step = builder.consume(event)
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if let failure = step {
                    diagnostics.append(failure)
                    return nil
                }
                if done { break }
            }
            diagnostics.append(contentsOf: builder.diagnostics)
            return builder.root
        }
    }

    private static func parserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            var offset = min(parser.problem_offset, bytes.count)
            // libyaml reports a bad trailing octet at the octet; point at the character it belongs to.
            if problem.contains("trailing"), offset > 0 {
                var start = offset - 1
                while start > 0, start > offset - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                if bytes[start] & 0xC0 == 0xC0 { offset = start }
            }
            let location = position(ofOffset: offset, in: bytes, file: file)
            return Diagnostic(
                .invalidEncoding, "file is not valid UTF-8 text: \(problem)", at: location,
                help: "configuration files must be UTF-8 text without control characters")
        }
        if parser.error == YAML_MEMORY_ERROR {
            return Diagnostic(.yamlSyntax, "libyaml ran out of memory", at: .file(file))
        }
        var message = problem
        if let context = parser.context {
            message = "\(problem) \(String(cString: context))"
        }
        let mark = parser.problem_mark
        let location = SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
        var notes: [DiagnosticNote] = []
        if parser.context != nil {
            let context = SourceLocation(file: file, line: parser.context_mark.line + 1, column: parser.context_mark.column + 1)
            if context != location { notes.append(DiagnosticNote("the construct started here", at: context)) }
        }
        var help: String?
        if mark.index < bytes.count, bytes[mark.index] == 9 {
            help = "YAML indents with spaces; replace the tab with spaces"
        }
        return Diagnostic(.yamlSyntax, message, at: location, notes: notes, help: help)
    }

    private static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(min(offset, bytes.count)) {
            if byte == 10 {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
