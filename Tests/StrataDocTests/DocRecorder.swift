import Foundation

/// Writes what the binary printed back into the pages (`STRATA_RECORD=1`).
///
/// Only commands whose output no longer matches are rewritten, so placeholders and `...` elisions that
/// still match are kept; a rewritten output is literal (with `[TMP]` for the scratch directory).
enum DocRecorder {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["STRATA_RECORD"] == "1" }

    /// Replaces the content of each given block in its page (blocks of one page, any order).
    static func write(_ blocks: [DocBlock], page: String, root: URL = DocPaths.packageRoot) throws {
        let url = root.appendingPathComponent(page)
        var lines = try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // From the bottom up, so the line ranges of the blocks above stay valid.
        for block in blocks.sorted(by: { $0.line > $1.line }) {
            lines.replaceSubrange(block.contentRange, with: block.renderedLines)
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
    }
}
