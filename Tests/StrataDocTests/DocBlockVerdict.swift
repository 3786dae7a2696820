/// The outcome of one block: which commands differ from the page, and the block as re-recorded.
struct DocBlockVerdict: Sendable {
    /// Mismatches, each naming page:line of its `$` line.
    var failures: [String] = []
    /// The block with the outputs that differed replaced by what the binary printed.
    var recorded: DocBlock?
    /// Why the block did not run, when it was skipped.
    var skipReason: String?

    /// Compares each command's output and status with the page.
    static func judge(_ block: DocBlock, outcomes: [CommandOutcome]) -> DocBlockVerdict {
        var verdict = DocBlockVerdict()
        var recorded = block
        for (index, (command, outcome)) in zip(block.commands, outcomes).enumerated() {
            let status = block.header.expectedStatus(of: index)
            if outcome.status != status {
                verdict.failures.append(
                    "\(block.page):\(command.line): `\(command.text)` exited \(outcome.status), the page says \(status)")
            }
            if !OutputPattern.matches(expected: command.expected, actual: outcome.lines) {
                verdict.failures.append(
                    "\(block.page):\(command.line): `\(command.text)` printed:\n" + outcome.lines.joined(separator: "\n")
                        + "\n--- the page shows:\n" + command.expected.joined(separator: "\n"))
                recorded.commands[index].expected = OutputPattern.rerecord(expected: command.expected, actual: outcome.lines)
            }
        }
        verdict.recorded = recorded
        return verdict
    }
}
