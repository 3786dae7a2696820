/// Finds the ```console blocks of a Markdown page and the `<!-- doctest: -->` header above each.
enum DocParser {
    static func blocks(page: String, text: String) throws -> [DocBlock] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [DocBlock] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```console") else {
                // Skip other fenced blocks whole, so a ``` line inside them is not taken for a fence.
                if lines[index].hasPrefix("```") { index = closingFence(lines, after: index) }
                index += 1
                continue
            }
            let end = closingFence(lines, after: index)
            guard end < lines.count else { throw DocTestError("\(page):\(index + 1): console block never closed") }
            let header = try headerAbove(lines, fence: index, page: page)
            blocks.append(try block(page: page, lines: lines, fence: index, end: end, header: header))
            index = end + 1
        }
        return blocks
    }

    private static func closingFence(_ lines: [String], after start: Int) -> Int {
        var index = start + 1
        while index < lines.count && lines[index] != "```" { index += 1 }
        return index
    }

    private static func block(page: String, lines: [String], fence: Int, end: Int, header: DocHeader) throws -> DocBlock {
        var prologue: [String] = []
        var commands: [DocBlock.Command] = []
        for index in (fence + 1)..<end {
            let line = lines[index]
            if line.hasPrefix("$ ") {
                commands.append(.init(line: index + 1, text: String(line.dropFirst(2)), expected: [], blankLinesAfter: 0))
            } else if commands.isEmpty {
                prologue.append(line)
            } else {
                commands[commands.count - 1].expected.append(line)
            }
        }
        if commands.isEmpty && header.skipReason == nil {
            throw DocTestError("\(page):\(fence + 1): a console block without a `$ ` command line (use ```text)")
        }
        commands = commands.map { command in
            var trimmed = command.expected
            var blanks = 0
            while trimmed.last == "" { trimmed.removeLast(); blanks += 1 }
            return .init(line: command.line, text: command.text, expected: trimmed, blankLinesAfter: blanks)
        }
        return DocBlock(
            page: page, line: fence + 1, header: header, prologue: prologue, commands: commands,
            contentRange: (fence + 1)..<end)
    }

    /// The header comment ending on the line just above the fence, if any.
    private static func headerAbove(_ lines: [String], fence: Int, page: String) throws -> DocHeader {
        guard fence > 0, lines[fence - 1].hasSuffix("-->") else { return .standard }
        var start = fence - 1
        while start >= 0 && !lines[start].hasPrefix("<!--") && fence - start < 40 { start -= 1 }
        guard start >= 0, lines[start].hasPrefix("<!-- doctest:") else {
            if start >= 0 && lines[start].hasPrefix("<!--") { return .standard }
            throw DocTestError("\(page):\(fence): comment above a console block without its start")
        }
        var first = String(lines[start].dropFirst("<!-- doctest:".count))
        var setup: [String] = []
        if start == fence - 1 {
            first = String(first.dropLast(3))
        } else {
            setup = Array(lines[(start + 1)..<(fence - 1)])
            let last = String(lines[fence - 1].dropLast(3))
            if !last.trimmingWhitespace.isEmpty { setup.append(last) }
        }
        do {
            return try DocHeader.parse(words: first.trimmingWhitespace, setup: setup)
        } catch let error as DocTestError {
            throw DocTestError("\(page):\(start + 1): \(error.description)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
