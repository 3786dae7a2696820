import StrataModel

extension AgentConfiguration {
    /// Reports a token that cannot be read now, at the `token` key's line, so that `agent --check` and a
    /// refused start name every key the operator must set in one run (the shipped agent.yaml needs
    /// `machine` and `token` both), not one key per attempt.
    static func checkToken(in root: YAMLNode, file: String, baseDirectory: String, diagnostics: inout Diagnostics) {
        guard let entry = root.mappingEntries?.first(where: { $0.keyText == "token" }),
              let source = entry.value.mappingEntries, source.count == 1,
              let kind = source[0].keyText.flatMap(SecretReference.Source.init(rawValue:)),
              case .string(let name)? = source[0].value.scalar?.resolved, !name.isEmpty else { return }
        var reference = SecretReference(source: kind, name: name)
        if kind == .file, !name.hasPrefix("/") { reference.name = baseDirectory + "/" + name }
        do {
            _ = try ConfigurationSecrets.value(of: reference)
        } catch {
            let code: DiagnosticCode = kind == .file ? .unreadableFile : .invalidValue
            let help = kind == .file
                ? "create it, mode 0600: install -m 0600 /dev/null \(reference.name) && openssl rand -hex 32 > \(reference.name)"
                : "set \(name) in the agent's environment (for the systemd unit: an Environment= or EnvironmentFile= line)"
            diagnostics.report(
                code, "'agent.token' cannot be used: \(error.message)", at: entry.value.mark.location(in: file), help: help)
        }
    }
}
