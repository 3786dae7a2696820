import StrataModel

/// Counters for `GET /metrics`, rendered in the Prometheus text format (version 0.0.4).
actor AgentMetrics {
    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct OperationKey: Hashable {
        var operation: String
        /// nil: success.
        var outcome: AgentErrorCode?
    }

    private var requests: [RequestKey: Int] = [:]
    private var operations: [OperationKey: Int] = [:]
    private var durations: [String: (sum: Double, count: Int)] = [:]
    private let startSeconds: Int

    init(startSeconds: Int) { self.startSeconds = startSeconds }

    /// One answered request; `route` is the matched route pattern (not the raw path), so labels stay few.
    func recordRequest(route: String, method: String, status: Int) {
        requests[RequestKey(route: route, method: method, status: status), default: 0] += 1
    }

    /// One apply or rollback and how it ended: nil for success, else the answer's error code.
    func recordOperation(_ operation: String, outcome: AgentErrorCode?, seconds: Double) {
        operations[OperationKey(operation: operation, outcome: outcome), default: 0] += 1
        var total = durations[operation] ?? (0, 0)
        total.sum += seconds
        total.count += 1
        durations[operation] = total
    }

    /// The exposition text.
    func render(machine: String, version: String, generation: Int?) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        family("strata_agent_info", "gauge", "The machine the agent serves and the version it reports.")
        out += "strata_agent_info{machine=\"\(Self.escape(machine))\",version=\"\(Self.escape(version))\"} 1\n"
        family("strata_agent_start_time_seconds", "gauge", "When the agent started, in seconds since 1970.")
        out += "strata_agent_start_time_seconds \(startSeconds)\n"
        family("strata_agent_generation", "gauge", "The current generation (0 before the first apply).")
        out += "strata_agent_generation \(generation ?? -1)\n"
        family("strata_agent_requests_total", "counter", "HTTP requests answered, by route, method and status.")
        for (key, count) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "strata_agent_requests_total{route=\"\(Self.escape(key.route))\",method=\"\(key.method)\",status=\"\(key.status)\"} \(count)\n"
        }
        for (operation, name) in [("apply", "strata_agent_applies_total"), ("rollback", "strata_agent_rollbacks_total")] {
            family(name, "counter", "\(operation == "apply" ? "Applies" : "Rollbacks") by outcome.")
            let outcomes: [AgentErrorCode?] = [nil, .conflict, .invalidConfiguration, .applyFailed, .healthFailed, .notFound, .malformed, .internalError]
            for outcome in outcomes {
                let label = outcome?.rawValue ?? "success"
                out += "\(name){outcome=\"\(label)\"} \(operations[OperationKey(operation: operation, outcome: outcome)] ?? 0)\n"
            }
        }
        family("strata_agent_backend_failures_total", "counter", "Applies and rollbacks the backend refused (apply or health command failed).")
        for code in [AgentErrorCode.applyFailed, .healthFailed] {
            let count = operations.filter { $0.key.outcome == code }.values.reduce(0, +)
            out += "strata_agent_backend_failures_total{code=\"\(code)\"} \(count)\n"
        }
        family("strata_agent_operation_duration_seconds", "summary", "Time spent in applies and rollbacks, backend commands included.")
        for operation in ["apply", "rollback"] {
            let total = durations[operation] ?? (0, 0)
            out += "strata_agent_operation_duration_seconds_sum{operation=\"\(operation)\"} \(total.sum)\n"
            out += "strata_agent_operation_duration_seconds_count{operation=\"\(operation)\"} \(total.count)\n"
        }
        return out
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
