import StrataPostfix

/// Which Strata feature and path a Postfix message most likely comes from, so a refusal names what
/// the operator wrote rather than only the rendered file.
struct PostfixOrigin: Sendable, Hashable {
    var feature: String
    var path: String

    /// The `mta` keys, rendered under their own names in main.cf.
    static let mtaKeys: Set<String> = [
        "process_limit", "smtpd_client_connection_count_limit", "smtpd_client_connection_rate_limit", "initial_destination_concurrency",
        "default_destination_concurrency_limit", "default_destination_recipient_limit", "smtpd_recipient_limit", "message_size_limit",
        "mailbox_size_limit", "maximal_queue_lifetime", "bounce_queue_lifetime", "minimal_backoff_time", "maximal_backoff_time",
        "queue_run_delay", "smtpd_error_sleep_time", "smtpd_soft_error_limit", "smtpd_hard_error_limit", "hopcount_limit",
        "disable_vrfy_command", "smtpd_helo_required", "smtpd_delay_reject",
    ]

    static func find(in message: String, file: String, rendering: PostfixRendering) -> PostfixOrigin {
        for listener in rendering.listeners where message.contains("\(listener.address):\(listener.port)") {
            return PostfixOrigin(feature: "listeners", path: "listeners[\(listener.listener)]")
        }
        for listener in rendering.listeners where message.contains(listener.address) {
            return PostfixOrigin(feature: "listeners", path: "listeners[\(listener.listener)].interface")
        }
        let lowered = (file + " " + message).lowercased()
        for listener in rendering.listeners where lowered.contains(listener.listener.lowercased()) {
            for (word, field) in [("hat", "hat"), ("rat", "rat")] where lowered.contains(word) {
                return PostfixOrigin(feature: "listeners", path: "listeners[\(listener.listener)].\(field)")
            }
            return PostfixOrigin(feature: "listeners", path: "listeners[\(listener.listener)]")
        }
        if lowered.contains("transport") { return PostfixOrigin(feature: "smtp_routes", path: "smtp_routes") }
        if let key = mtaKeys.first(where: { message.contains($0) }) { return PostfixOrigin(feature: "mta", path: "mta.\(key)") }
        if lowered.contains("inet_interfaces") { return PostfixOrigin(feature: "interfaces", path: "interfaces") }
        return PostfixOrigin(feature: "postfix", path: file)
    }
}
