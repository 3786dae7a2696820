public import StrataModel
import StrataYAML
import StrataCatalogue
import Logging
import StrataState

extension AgentConfiguration {
    /// Reads `agent.yaml`: every problem is a diagnostic with its file, line and column.
    /// Relative paths in the file (state directory, TLS files, backend file, token file, a command
    /// given as a relative path) are taken relative to the file's directory.
    public static func load(path: String) throws(AgentError) -> (AgentConfiguration?, Diagnostics) {
        let read: [UInt8]?
        do { read = try AtomicFile.read(path, limit: 1 << 20) } catch { throw AgentError(error) }
        guard let bytes = read else {
            throw AgentError(code: .configUnreadable, message: "cannot read '\(path)'", cause: "no such file")
        }
        return parse(bytes, file: path, baseDirectory: AtomicFile.parent(of: path), readingToken: true)
    }

    /// Parses the text of an `agent.yaml`; `file` names it in diagnostics.
    /// `readingToken`: also report a token that cannot be read now (``load(path:)`` does).
    public static func parse(
        _ bytes: [UInt8], file: String, baseDirectory: String, readingToken: Bool = false
    ) -> (AgentConfiguration?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let root = YAMLParser.parse(bytes, file: file, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors { diagnostics.report(.missingField, "the agent configuration is empty", at: .file(file)) }
            return (nil, diagnostics)
        }
        var decoder = SchemaDecoder(file: file)
        let (withoutBackends, backendValues) = BackendSettings.decode(from: root, decoder: &decoder, file: file)
        let (rest, interfaces) = AgentInterfaces.decode(from: withoutBackends, diagnostics: &diagnostics, file: file)
        let value = decoder.decodeRecord(rest, schema: schema, path: "agent")
        diagnostics.append(contentsOf: decoder.diagnostics)
        // Checked on the nodes, so they are reported even when another field makes the record invalid.
        for entry in root.mappingEntries ?? [] {
            guard case .string(let text)? = entry.value.scalar?.resolved else { continue }
            let location = entry.value.mark.location(in: file)
            if entry.keyText == "listen", ListenAddress(parsing: text) == nil {
                diagnostics.report(
                    .invalidValue, "'agent.listen' is '\(text)', not host:port", at: location, help: "write it as 127.0.0.1:7443 or [::1]:7443")
            }
            // An empty name is already reported as empty by the schema.
            if entry.keyText == "machine", !text.isEmpty, !NameRules.isValidMachineName(text) {
                diagnostics.report(.invalidValue, "'agent.machine' is '\(text)', not a lowercase host name or IP address", at: location)
            }
        }
        if readingToken { checkToken(in: root, file: file, baseDirectory: baseDirectory, diagnostics: &diagnostics) }
        let limits = AgentLimits.read(value?[field: "limits"], file: file, diagnostics: &diagnostics)
        guard let value, let backendValues, let interfaces, !diagnostics.hasErrors else { return (nil, diagnostics) }
        var configuration = FieldReader(record: value, base: baseDirectory).configuration(backends: backendValues)
        configuration?.limits = limits
        configuration?.interfaces = interfaces
        return (configuration, diagnostics)
    }

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// The shape of `agent.yaml`.
    static let schema = RecordSchema([
        FieldSchema("listen", .string(.text), .required, "host:port to listen on; port 0 picks a free port"),
        FieldSchema("machine", .string(.text), .required, "the machine name this agent serves"),
        FieldSchema("version", .string(.text), .required, "the software version the agent reports"),
        FieldSchema("state_dir", .string(.text), .required, "the state directory"),
        FieldSchema("keep_generations", .integer(2...1_000), .defaulted(.integer(10)), "generations kept for rollback"),
        FieldSchema("max_body_bytes", .integer(1_024...(1 << 30)), .defaulted(.integer(4 << 20)), "largest request body"),
        FieldSchema("token", .secret, .required, "the bearer token: {env: NAME} or {file: PATH}"),
        FieldSchema(
            "tls",
            .record(RecordSchema([
                FieldSchema("certificate", .string(.text), .required, "PEM certificate chain"),
                FieldSchema("key", .string(.text), .required, "PEM private key"),
            ])), .optional, "serve HTTPS with this certificate and key"),
        FieldSchema("log_level", .choice(logLevels), .defaulted(.string("info")), "least severe level logged"),
        AgentLimits.schema,
    ])
}

/// Reads a decoded, valid record into an ``AgentConfiguration``, making paths absolute.
struct FieldReader {
    let record: Value
    let base: String

    func configuration(backends backendValues: [Value]) -> AgentConfiguration? {
        guard let listen = record[field: "listen"]?.stringValue.flatMap(ListenAddress.init(parsing:)),
              case .secret(var token)? = record[field: "token"]?.kind else { return nil }
        if token.source == .file { token.name = absolute(token.name) }
        var tls: TLSFiles?
        if let files = record[field: "tls"] {
            tls = TLSFiles(
                certificate: absolute(files[field: "certificate"]?.stringValue ?? ""), key: absolute(files[field: "key"]?.stringValue ?? ""))
        }
        return AgentConfiguration(
            listen: listen, machine: record[field: "machine"]?.stringValue ?? "", version: record[field: "version"]?.stringValue ?? "",
            stateDirectory: absolute(record[field: "state_dir"]?.stringValue ?? ""),
            keepGenerations: record[field: "keep_generations"]?.integerValue ?? 10,
            maxBodyBytes: record[field: "max_body_bytes"]?.integerValue ?? 4 << 20, token: token, tls: tls,
            backends: backendValues.map(backend),
            logLevel: record[field: "log_level"]?.stringValue.flatMap(Logger.Level.init(rawValue:)) ?? .info)
    }

    func strings(_ value: Value?) -> [String] {
        value?.listItems?.compactMap(\.stringValue) ?? []
    }

    /// A command's program given as a relative path (`./reload.sh`) is relative to the file; a bare name is looked up in PATH.
    func command(_ argv: [String]) -> [String] {
        guard let program = argv.first, program.contains("/") else { return argv }
        return [absolute(program)] + argv.dropFirst()
    }

    func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/"), !path.isEmpty else { return path }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return base + "/" + relative
    }
}
