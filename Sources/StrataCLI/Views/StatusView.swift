import Foundation
import StrataModel
import StrataPlan
import StrataApply

/// Renders the states of machines: a table per cluster (text) or `{"clusters", "machines"}` (JSON).
struct StatusView {
    /// The view in one of the formats `status` offers.
    func render(_ format: DataFormat, style: Style) -> String {
        switch format {
        case .text: text(style: style)
        case .json: json().rendered() + "\n"
        }
    }

    let clusters: [ClusterTargets]
    let states: [LiveMachine]
    /// The configuration root, so embedded state directories are shown relative to it.
    let root: String

    func text(style: Style) -> String {
        var out = ""
        for cluster in clusters {
            if !out.isEmpty { out += "\n" }
            out += style.bold("cluster \(cluster.cluster)") + " (" + connection(cluster) + ")\n"
            let rows = states.filter { $0.target.cluster == cluster.cluster }
            var table = [["MACHINE", "REACHABLE", "VERSION", "GEN", "CONFIG HASH", "COMMIT", "APPLIED AT", "APPLIED BY"]]
            for reading in rows {
                let state = reading.state
                let current = state?.current
                // Every cell but our own words comes from the agent: one escaped line each, so no fake rows.
                table.append([
                    reading.target.machine.rawValue, state == nil ? "no" : "yes",
                    (state?.version.terminalSafe ?? "-") + (reading.problem?.code == .versionMismatch ? " (!)" : ""),
                    state.map { String($0.generation) } ?? "-", current.map { $0.configHash.prefix(12).terminalSafe } ?? "-",
                    current?.appliedCommit.map { $0.prefix(10).terminalSafe } ?? "-", current.map { $0.appliedAt.terminalSafe } ?? "-",
                    current?.appliedBy?.terminalSafe ?? "-",
                ])
            }
            out += Self.columns(table).enumerated().map { $0.offset == 0 ? style.dim($0.element) : $0.element }.joined(separator: "\n") + "\n"
            for reading in rows {
                guard let problem = reading.problem else { continue }
                out += style.red("\(reading.target.machine):") + " [\(problem.code.rawValue)] \(problem.message.terminalSafe)\n"
                if let cause = problem.cause { out += "    " + style.dim(cause.terminalSafe) + "\n" }
            }
            out += departures(rows, of: cluster)
            for reading in rows { if let queue = reading.state?.backend?.queue { out += "\(reading.target.machine): mail queue: \(queue.summary)\n" } }
            out += vrrpText(rows, style: style)
        }
        return out
    }

    func json() -> JSON {
        .object([
            ("clusters", .array(clusters.map { cluster in
                .object([
                    ("cluster", .string(cluster.cluster.rawValue)), ("connection", .string(cluster.connection.kind.rawValue)),
                    ("requires_version", .optional(cluster.requiredVersion)),
                ])
            })),
            ("machines", .array(states.map(Self.json))),
            ("virtual_addresses", .array(Self.holdings(states).map(\.json))),
        ])
    }

    /// One machine: `{"cluster", "machine", "agent", "reachable", "version", "version_ok", "generation",
    /// "config_hash", "applied_commit", "applied_at", "applied_by", "error", "queue", "vrrp", "release"}`.
    static func json(_ reading: LiveMachine) -> JSON {
        let state = reading.state
        let current = state?.current
        return .object([
            ("cluster", .string(reading.target.cluster.rawValue)), ("machine", .string(reading.target.machine.rawValue)),
            ("agent", .string(reading.target.address)), ("reachable", .bool(state != nil)), ("version", .optional(state?.version)),
            ("version_ok", state == nil ? .null : .bool(reading.problem?.code != .versionMismatch)),
            ("generation", state.map { .int($0.generation) } ?? .null), ("config_hash", .optional(current?.configHash)),
            ("applied_commit", .optional(current?.appliedCommit)), ("applied_at", .optional(current?.appliedAt)),
            ("applied_by", .optional(current?.appliedBy)), ("error", reading.problem?.json ?? .null),
            ("queue", state?.backend?.queue?.json ?? .null), ("vrrp", state?.backend?.vrrp?.json ?? .null),
            ("release", state?.release?.json ?? .null),
        ])
    }

    private func connection(_ cluster: ClusterTargets) -> String {
        var text: String
        switch cluster.connection {
        case .embedded(let directory, _):
            text = "embedded state in " + (directory.hasPrefix(root + "/") ? String(directory.dropFirst(root.count + 1)) : directory).terminalSafe
        case .agents(let access):
            text = "agents, tls \(access.tls.rawValue)"
        }
        if let version = cluster.requiredVersion { text += ", requires version \(version.terminalSafe)" }
        return text
    }

    /// Rows padded into aligned columns (the last column is not padded).
    static func columns(_ rows: [[String]]) -> [String] {
        guard let count = rows.first?.count else { return [] }
        let widths = (0..<count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
