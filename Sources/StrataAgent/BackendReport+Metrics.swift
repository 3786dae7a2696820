import StrataModel

extension BackendReport {
    /// The backends' gauges for `/metrics`: queue sizes and the oldest message's age (from `postqueue -j`)
    /// and the number of hand edits found; nothing for a backend without a queue or drift check.
    var metricsText: String {
        var out = ""
        if let queue {
            out += "# HELP strata_agent_mail_queue_messages Messages in the mail queues, by queue.\n"
            out += "# TYPE strata_agent_mail_queue_messages gauge\n"
            for (name, count) in [("active", queue.active), ("deferred", queue.deferred), ("hold", queue.hold), ("incoming", queue.incoming)] {
                out += "strata_agent_mail_queue_messages{queue=\"\(name)\"} \(count)\n"
            }
            out += "# HELP strata_agent_mail_queue_oldest_seconds Age of the oldest queued message (0 when empty).\n"
            out += "# TYPE strata_agent_mail_queue_oldest_seconds gauge\n"
            out += "strata_agent_mail_queue_oldest_seconds \(queue.oldestSeconds ?? 0)\n"
        }
        if let drift {
            out += "# HELP strata_agent_backend_drift Hand edits found in the files rendered for the current generation.\n"
            out += "# TYPE strata_agent_backend_drift gauge\n"
            out += "strata_agent_backend_drift \(drift.count)\n"
        }
        return out
    }
}
