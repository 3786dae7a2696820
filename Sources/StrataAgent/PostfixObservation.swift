import StrataModel
import StrataState

/// What the agent reports about the running instance in its state answer: drift (hand edits of the
/// current generation's files, main.cf compared parameter by parameter through `postconf -n`) and
/// queue health (`postqueue -j`).
struct PostfixObservation: Sendable {
    let backend: PostfixBackend

    func report(current: StoredGeneration?) -> BackendReport {
        guard let current else { return BackendReport() }
        return BackendReport(drift: drift(current), queue: PostfixQueue(instance: backend.instance).health())
    }

    /// Each rendered file compared with what `config_directory` holds now.
    func drift(_ current: StoredGeneration) -> [BackendDrift] {
        guard let expected = try? backend.renderFiles(current) else { return [] }
        let directory = backend.settings.configDirectory
        guard backend.generations.current() == current.summary.generation else {
            return [BackendDrift(backend: "postfix", file: directory, parameter: nil, message: "does not point at generation \(current.summary.generation)")]
        }
        var found: [BackendDrift] = []
        for file in expected.files {
            guard let bytes = try? AtomicFile.read(directory + "/" + file.path) else {
                found.append(BackendDrift(backend: "postfix", file: file.path, parameter: nil, message: "missing"))
                continue
            }
            let actual = String(decoding: bytes, as: UTF8.self)
            guard actual != file.content else { continue }
            if file.path == "main.cf" {
                found += mainDrift(expected: file.content)
            } else {
                found.append(BackendDrift(backend: "postfix", file: file.path, parameter: nil, message: "changed by hand"))
            }
        }
        return found
    }

    /// main.cf's parameters as rendered against `postconf -n` of the running directory.
    private func mainDrift(expected: String) -> [BackendDrift] {
        let outcome = backend.instance.postconf(directory: backend.settings.configDirectory, ["-n"])
        var live = Self.parameters(String(decoding: outcome.output, as: UTF8.self))
        // `postconf -c DIR` reports the directory it was given as a parameter of its own.
        live["config_directory"] = nil
        var rendered = Self.parameters(expected)
        rendered["config_directory"] = nil
        var found: [BackendDrift] = []
        for name in Set(live.keys).union(rendered.keys).sorted() {
            switch (rendered[name], live[name]) {
            case (let want?, let have?) where want != have:
                found.append(BackendDrift(backend: "postfix", file: "main.cf", parameter: name, message: "changed by hand: '\(have)', rendered '\(want)'"))
            case (nil, let have?):
                found.append(BackendDrift(backend: "postfix", file: "main.cf", parameter: name, message: "added by hand: '\(have)'"))
            case (let want?, nil):
                found.append(BackendDrift(backend: "postfix", file: "main.cf", parameter: name, message: "removed by hand (rendered '\(want)')"))
            default: break
            }
        }
        if found.isEmpty { found.append(BackendDrift(backend: "postfix", file: "main.cf", parameter: nil, message: "changed by hand (comments or layout)")) }
        return found
    }

    /// `name = value` lines (continuations joined, comments skipped), values with whitespace collapsed.
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for row in PostfixTables.rows(text.split(separator: "\n").filter { !$0.hasPrefix("postconf:") }.joined(separator: "\n")) {
            var value = Substring(row.value)
            guard value.hasPrefix("=") || row.key.hasSuffix("=") else { continue }
            let name = row.key.hasSuffix("=") ? String(row.key.dropLast()) : row.key
            if value.hasPrefix("=") { value = value.dropFirst() }
            result[name] = PostfixTables.normalized(String(value))
        }
        return result
    }
}
