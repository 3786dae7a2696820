import StrataCatalogue
import StrataModel

extension BackendSettings {
    /// The backend kinds and their fields.
    static let schemas: [(kind: String, schema: RecordSchema)] = [
        ("files", RecordSchema([
            FieldSchema("type", .choice(["files"]), .required, "the backend kind"),
            FieldSchema("path", .string(.text), .required, "where the effective configuration is written"),
            FieldSchema("apply", .list(.string(.text), minimumCount: 1), .required, "command run after writing"),
            FieldSchema("health", .list(.string(.text), minimumCount: 1), .optional, "command run after apply"),
            FieldSchema("timeout", .duration, .defaulted(.duration(30)), "how long each command may run"),
            FieldSchema("netns", .string(.text), .optional, "network namespace its commands run in (ip netns exec)"),
        ])),
        ("postfix", RecordSchema([
            FieldSchema("type", .choice(["postfix"]), .required, "the backend kind"),
            FieldSchema("config_directory", .string(.text), .required, "the instance's config_directory (a link the agent switches)"),
            FieldSchema("queue_directory", .string(.text), .optional, "the instance's queue_directory (default: Postfix's)"),
            FieldSchema("data_directory", .string(.text), .optional, "the instance's data_directory (default: Postfix's)"),
            FieldSchema("maillog_file", .string(.text), .optional, "Postfix's log file (default: <state_dir>/postfix/maillog)"),
            FieldSchema("timeout", .duration, .defaulted(.duration(30)), "how long each Postfix command and probe may take"),
            FieldSchema("netns", .string(.text), .optional, "network namespace its commands run in (ip netns exec)"),
        ])),
        ("keepalived", RecordSchema([
            FieldSchema("type", .choice(["keepalived"]), .required, "the backend kind"),
            FieldSchema("config_file", .string(.text), .defaulted(.string("/etc/keepalived/strata.conf")), "keepalived.conf (written 0600)"),
            FieldSchema("program", .string(.text), .defaulted(.string("/usr/sbin/keepalived")), "the keepalived program"),
            FieldSchema("pid_file", .string(.text), .optional, "the daemon's pid file (default: <state_dir>/keepalived/keepalived.pid)"),
            FieldSchema("vrrp_pid_file", .string(.text), .optional, "the VRRP child's pid file (default: <state_dir>/keepalived/vrrp.pid)"),
            FieldSchema("state_file", .string(.text), .optional, "where notify commands write the VRRP state (default: <state_dir>/keepalived/state)"),
            FieldSchema("timeout", .duration, .defaulted(.duration(30)), "how long each command and each wait may take"),
            FieldSchema("netns", .string(.text), .optional, "network namespace its commands run in (ip netns exec)"),
        ])),
    ]

    /// Takes `backend:` and `backends: [...]` out of agent.yaml's root and decodes each by its `type`;
    /// the rest of the root is returned for the ordinary schema. Nil backends: a diagnostic was reported.
    static func decode(from root: YAMLNode, decoder: inout SchemaDecoder, file: String) -> (rest: YAMLNode, backends: [Value]?) {
        guard let entries = root.mappingEntries else { return (root, nil) }
        let rest = YAMLNode(.mapping(entries.filter { $0.keyText != "backend" && $0.keyText != "backends" }), at: root.mark)
        var nodes: [(node: YAMLNode, path: String)] = []
        if let single = entries.first(where: { $0.keyText == "backend" }) { nodes.append((single.value, "agent.backend")) }
        if let many = entries.first(where: { $0.keyText == "backends" }) {
            guard case .sequence(let items) = many.value.content, !items.isEmpty else {
                decoder.diagnostics.report(
                    .typeMismatch, "'agent.backends' must be a list of one or more backends", at: many.value.mark.location(in: file))
                return (rest, nil)
            }
            nodes += items.enumerated().map { (node: $1, path: "agent.backends[\($0)]") }
        }
        guard !nodes.isEmpty else {
            decoder.diagnostics.report(
                .missingField, "'agent' is missing the required field 'backend'", at: root.mark.location(in: file),
                help: "add `backend:` ({type: files, ...}, {type: postfix, ...} or {type: keepalived}) or `backends: [...]`")
            return (rest, nil)
        }
        var values: [Value] = []
        var valid = true
        for (node, path) in nodes {
            guard let value = decodeOne(node, path: path, decoder: &decoder, file: file) else {
                valid = false
                continue
            }
            values.append(value)
        }
        for (kind, help) in [("postfix", "run one agent per Postfix instance"), ("keepalived", "run one agent per keepalived instance")]
        where values.filter({ $0[field: "type"]?.stringValue == kind }).count > 1 {
            decoder.diagnostics.report(.invalidValue, "an agent drives at most one \(kind) backend", at: root.mark.location(in: file), help: help)
            valid = false
        }
        return (rest, valid ? values : nil)
    }

    private static func decodeOne(_ node: YAMLNode, path: String, decoder: inout SchemaDecoder, file: String) -> Value? {
        guard let entries = node.mappingEntries else { return decoder.decodeRecord(node, schema: schemas[0].schema, path: path) }
        guard let typeEntry = entries.first(where: { $0.keyText == "type" }) else {
            decoder.diagnostics.report(
                .missingField, "'\(path)' is missing the required field 'type'", at: node.mark.location(in: file),
                help: "add `type:` (one of: \(schemas.map(\.kind).joined(separator: ", ")))")
            return nil
        }
        let kind = typeEntry.value.scalar?.text ?? ""
        guard let schema = schemas.first(where: { $0.kind == kind })?.schema else {
            decoder.diagnostics.report(
                .invalidValue, "'\(path).type' is '\(kind)', not one of: \(schemas.map(\.kind).joined(separator: ", "))",
                at: typeEntry.value.mark.location(in: file))
            return nil
        }
        return decoder.decodeRecord(node, schema: schema, path: path)
    }
}

extension FieldReader {
    /// One decoded backend record as settings, paths made absolute.
    func backend(_ value: Value) -> BackendSettings {
        let timeout = max(1, value[field: "timeout"]?.integerValue ?? 30)
        let netns = value[field: "netns"]?.stringValue
        let stateDirectory = absolute(record[field: "state_dir"]?.stringValue ?? "")
        if value[field: "type"]?.stringValue == "keepalived" {
            func path(_ key: String, _ fallback: String) -> String { absolute(value[field: key]?.stringValue ?? fallback) }
            return .keepalived(KeepalivedBackendSettings(
                configFile: path("config_file", "/etc/keepalived/strata.conf"),
                program: command([value[field: "program"]?.stringValue ?? "/usr/sbin/keepalived"])[0],
                pidFile: path("pid_file", stateDirectory + "/keepalived/keepalived.pid"),
                vrrpPidFile: path("vrrp_pid_file", stateDirectory + "/keepalived/vrrp.pid"),
                stateFile: path("state_file", stateDirectory + "/keepalived/state"), netns: netns, timeoutSeconds: timeout))
        }
        if value[field: "type"]?.stringValue == "postfix" {
            return .postfix(PostfixBackendSettings(
                configDirectory: absolute(value[field: "config_directory"]?.stringValue ?? ""),
                queueDirectory: value[field: "queue_directory"]?.stringValue.map(absolute),
                dataDirectory: value[field: "data_directory"]?.stringValue.map(absolute),
                maillogFile: value[field: "maillog_file"]?.stringValue.map(absolute) ?? stateDirectory + "/postfix/maillog",
                timeoutSeconds: timeout, netns: netns))
        }
        return .files(FilesBackendSettings(
            path: absolute(value[field: "path"]?.stringValue ?? ""), apply: command(strings(value[field: "apply"])),
            health: value[field: "health"].map { command(strings($0)) }, timeoutSeconds: timeout, netns: netns))
    }
}
