/// One ```console block of a page: its header and the commands with the output the page shows.
struct DocBlock: Sendable {
    /// One `$ ...` line and the output lines under it.
    struct Command: Sendable {
        /// The 1-based line of the `$` in the page.
        let line: Int
        /// The shell command after `$ `.
        let text: String
        /// The output the page shows, trailing blank lines removed.
        var expected: [String]
        /// Blank lines after the output, kept when the output is re-recorded.
        let blankLinesAfter: Int
    }

    /// The page, relative to the package root.
    let page: String
    /// The 1-based line of the opening fence.
    let line: Int
    let header: DocHeader
    /// Lines of the block before its first `$` line (kept as they are).
    let prologue: [String]
    var commands: [Command]
    /// 0-based indices of the first and last content line (between the fences) in the page.
    let contentRange: Range<Int>

    /// `page:line`, as failures name a block.
    var location: String { "\(page):\(line)" }

    /// The block's content lines as the page shows them (used when re-recording).
    var renderedLines: [String] {
        var lines = prologue
        for command in commands {
            lines.append("$ \(command.text)")
            lines += command.expected
            lines += Array(repeating: "", count: command.blankLinesAfter)
        }
        return lines
    }
}
