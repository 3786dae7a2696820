import StrataModel

/// `mta` (any mode): Postfix-style tuning of the mail transfer agent.
enum MTA {
    /// Field name, type, default, summary — Postfix's own defaults.
    static let parameters: [(String, ValueType, Value, String)] = [
        ("process_limit", .integer(1...100_000), .integer(100), "most concurrent delivery processes"),
        ("smtpd_client_connection_count_limit", .integer(0...100_000), .integer(50), "connections one client may hold"),
        ("smtpd_client_connection_rate_limit", .integer(0...1_000_000), .integer(0), "connections per client per minute (0: no limit)"),
        ("initial_destination_concurrency", .integer(1...10_000), .integer(5), "first parallel deliveries to a destination"),
        ("default_destination_concurrency_limit", .integer(1...10_000), .integer(20), "most parallel deliveries to a destination"),
        ("default_destination_recipient_limit", .integer(1...100_000), .integer(50), "recipients per delivery"),
        ("smtpd_recipient_limit", .integer(1...100_000), .integer(1_000), "recipients per message accepted"),
        ("message_size_limit", .integer(0...Int(Int32.max)), .integer(10_240_000), "largest message in bytes"),
        ("mailbox_size_limit", .integer(0...Int(Int32.max)), .integer(51_200_000), "largest mailbox in bytes"),
        ("maximal_queue_lifetime", .duration, .duration(432_000), "time before undeliverable mail bounces"),
        ("bounce_queue_lifetime", .duration, .duration(432_000), "time before an undeliverable bounce is dropped"),
        ("minimal_backoff_time", .duration, .duration(300), "shortest retry interval"),
        ("maximal_backoff_time", .duration, .duration(4_000), "longest retry interval"),
        ("queue_run_delay", .duration, .duration(300), "interval between deferred-queue scans"),
        ("smtpd_error_sleep_time", .duration, .duration(1), "pause after a client error"),
        ("smtpd_soft_error_limit", .integer(0...10_000), .integer(10), "errors before slowing a client down"),
        ("smtpd_hard_error_limit", .integer(0...10_000), .integer(20), "errors before disconnecting a client"),
        ("hopcount_limit", .integer(1...1_000), .integer(50), "most Received: headers before a loop is assumed"),
        ("disable_vrfy_command", .boolean, .boolean(false), "refuse the SMTP VRFY command"),
        ("smtpd_helo_required", .boolean, .boolean(false), "require HELO/EHLO"),
        ("smtpd_delay_reject", .boolean, .boolean(true), "delay rejections until RCPT TO"),
    ]
    static let schema = RecordSchema(parameters.map { FieldSchema($0.0, $0.1, .defaulted($0.2), $0.3) })
    static let definition: FeatureDefinition = {
        var definition = FeatureDefinition(
            .mta, levels: [.cluster, .group, .machine], type: .record(schema), summary: "Postfix-style MTA tuning",
            default: schema.defaultRecord)
        definition.defaultText = "Postfix's defaults"
        return definition
    }()
}

extension FeatureName {
    /// `mta`.
    public static let mta = FeatureName("mta")
}
