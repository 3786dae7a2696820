/// The `mta` feature → main.cf parameters of the same name (Postfix 3.7 has every one of them
/// except `process_limit`, which is `default_process_limit`).
enum MTAParameters {
    enum Kind { case integer, duration, boolean }

    /// Strata field, Postfix parameter, kind — in the catalogue's order.
    static let fields: [(field: String, parameter: String, kind: Kind)] = [
        ("process_limit", "default_process_limit", .integer),
        ("smtpd_client_connection_count_limit", "smtpd_client_connection_count_limit", .integer),
        ("smtpd_client_connection_rate_limit", "smtpd_client_connection_rate_limit", .integer),
        ("initial_destination_concurrency", "initial_destination_concurrency", .integer),
        ("default_destination_concurrency_limit", "default_destination_concurrency_limit", .integer),
        ("default_destination_recipient_limit", "default_destination_recipient_limit", .integer),
        ("smtpd_recipient_limit", "smtpd_recipient_limit", .integer),
        ("message_size_limit", "message_size_limit", .integer),
        ("mailbox_size_limit", "mailbox_size_limit", .integer),
        ("maximal_queue_lifetime", "maximal_queue_lifetime", .duration),
        ("bounce_queue_lifetime", "bounce_queue_lifetime", .duration),
        ("minimal_backoff_time", "minimal_backoff_time", .duration),
        ("maximal_backoff_time", "maximal_backoff_time", .duration),
        ("queue_run_delay", "queue_run_delay", .duration),
        ("smtpd_error_sleep_time", "smtpd_error_sleep_time", .duration),
        ("smtpd_soft_error_limit", "smtpd_soft_error_limit", .integer),
        ("smtpd_hard_error_limit", "smtpd_hard_error_limit", .integer),
        ("hopcount_limit", "hopcount_limit", .integer),
        ("disable_vrfy_command", "disable_vrfy_command", .boolean),
        ("smtpd_helo_required", "smtpd_helo_required", .boolean),
        ("smtpd_delay_reject", "smtpd_delay_reject", .boolean),
    ]

    /// `parameter = value` pairs for the fields present, plus warnings for fields this backend does not know.
    static func render(_ mta: SettingNode?) throws(PostfixRenderError) -> (lines: [(String, String)], warnings: [RenderWarning]) {
        guard let mta else { return ([], []) }
        var lines: [(String, String)] = []
        for entry in fields {
            guard let node = mta.child(entry.field) else { continue }
            switch (entry.kind, node.json) {
            case (.integer, .int(let number)): lines.append((entry.parameter, String(number)))
            case (.duration, .int(let seconds)): lines.append((entry.parameter, "\(seconds)s"))
            case (.boolean, .bool(let flag)): lines.append((entry.parameter, flag ? "yes" : "no"))
            default: throw node.failure("has the wrong type for \(entry.parameter)")
            }
        }
        let known = Set(fields.map(\.field))
        let unknown = (mta.json.objectKeys ?? []).filter { !known.contains($0) }
        let warnings = unknown.map {
            RenderWarning(feature: "mta", path: "mta.\($0)", message: "no Postfix mapping in this version of the backend: not written to main.cf")
        }
        return (lines, warnings)
    }

    /// The value main.cf gets for a duration field (seconds), if present.
    static func seconds(_ mta: SettingNode?, _ field: String) -> Int? { mta?.child(field)?.json.intValue }
}
