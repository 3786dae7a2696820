import Foundation
import Testing

/// The manual cannot drift: every ```console block of README.md, Docs/ and examples/ runs against the binary.
@Suite("Manual console blocks")
struct ManualConsoleBlockTests {
    /// Blocks run at the same time (each in its own scratch directory); the machine has few cores.
    static let parallelBlocks = 4

    @Test("every console block prints what its page shows, or is skipped with a reason")
    func consoleBlocks() async throws {
        var blocks: [DocBlock] = []
        for page in try DocPaths.pages() {
            let text = try String(contentsOf: DocPaths.packageRoot.appendingPathComponent(page), encoding: .utf8)
            blocks += try DocParser.blocks(page: page, text: text)
        }
        let verdicts = await Self.run(blocks)
        let skipped = verdicts.filter { $0.skipReason != nil }
        let ran = verdicts.count - skipped.count
        var summary = "doc tests: \(ran) console blocks run, \(skipped.count) skipped"
        for verdict in skipped { summary += "\n  skipped \(verdict.recorded?.location ?? "?"): \(verdict.skipReason ?? "")" }
        print(summary)
        #expect(ran > 0)
        let failures = verdicts.flatMap(\.failures)
        if DocRecorder.isRecording {
            let changed = verdicts.filter { !$0.failures.isEmpty }.compactMap(\.recorded)
            for (page, pageBlocks) in Dictionary(grouping: changed, by: \.page) {
                try DocRecorder.write(pageBlocks, page: page)
            }
            print("doc tests: re-recorded \(changed.count) blocks")
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
    }

    /// Runs every block, at most `parallelBlocks` at a time; a block that cannot run is a failure, not a skip.
    static func run(_ blocks: [DocBlock]) async -> [DocBlockVerdict] {
        await withTaskGroup(of: (Int, DocBlockVerdict).self) { group in
            var verdicts = Array(repeating: DocBlockVerdict(), count: blocks.count)
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask { (index, await verdict(blocks[index])) }
            }
            while next < min(parallelBlocks, blocks.count) { start() }
            for await (index, verdict) in group {
                verdicts[index] = verdict
                if next < blocks.count { start() }
            }
            return verdicts
        }
    }

    static func verdict(_ block: DocBlock) async -> DocBlockVerdict {
        if let reason = block.header.skipReason { return DocBlockVerdict(recorded: block, skipReason: reason) }
        do {
            let outcomes = try await BlockRunner(header: block.header, commands: block.commands.map(\.text)).run()
            return DocBlockVerdict.judge(block, outcomes: outcomes)
        } catch {
            return DocBlockVerdict(failures: ["\(block.location): \(error)"], recorded: block)
        }
    }
}
