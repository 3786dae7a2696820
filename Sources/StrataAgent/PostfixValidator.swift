import StrataModel
import StrataPostfix

/// Checks a rendered generation directory with Postfix's own tools before anything switches:
/// `postconf -n` and `-M` (any message is an error: postconf warns about unknown parameters and exits 0),
/// every lookup table read back with `postmap -q`, and `postfix check` (its output read through a
/// pseudo-terminal). A refusal is a 422 naming the Strata feature and path it comes from.
struct PostfixValidator: Sendable {
    let instance: PostfixInstance
    /// The stable `config_directory` the rendered files name.
    let configDirectory: String

    func validate(_ rendering: PostfixRendering, directory: String) throws(BackendFailure) {
        for (flag, file) in [("-n", "main.cf"), ("-M", "master.cf")] {
            let outcome = instance.postconf(directory: directory, [flag])
            let messages = lines(outcome).filter { $0.hasPrefix("postconf: ") }
            if !outcome.succeeded || !messages.isEmpty {
                throw refusal("postconf \(flag) refuses \(file)", messages.isEmpty ? [outcome.summary] : messages, rendering, file: file)
            }
        }
        let tables = PostfixTables(configDirectory: configDirectory, directory: directory, runner: instance.runner)
        for table in tables.referenced(in: rendering) {
            let problems = tables.readBack(table)
            if !problems.isEmpty { throw refusal("postmap cannot read \(table.file) back", problems, rendering, file: table.file) }
        }
        let check = instance.check(directory: directory)
        let messages = lines(check).filter { $0.contains("fatal:") || $0.contains("error:") }
        if !check.succeeded || !messages.isEmpty {
            throw refusal("postfix check refuses the configuration", messages.isEmpty ? [check.summary] : messages, rendering, file: "main.cf")
        }
    }

    private func lines(_ outcome: CommandOutcome) -> [String] {
        String(decoding: outcome.output, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    /// The failure, with each message attributed to the Strata feature and path it most likely comes from.
    private func refusal(_ what: String, _ messages: [String], _ rendering: PostfixRendering, file: String) -> BackendFailure {
        let origins = messages.map { PostfixOrigin.find(in: $0, file: file, rendering: rendering) }
        let diagnostics = zip(messages, origins).map { message, origin in
            Diagnostic(.invalidValue, "postfix refuses \(origin.path): \(message)", at: .file(file))
        }
        let paths = Array(Set(origins.map(\.path))).sorted().joined(separator: ", ")
        return .invalid("\(what) (from \(paths)): " + messages.joined(separator: "; "), diagnostics: diagnostics, outputTail: messages.joined(separator: "\n"))
    }
}
