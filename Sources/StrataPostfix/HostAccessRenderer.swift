/// A listener's HAT → cidr tables for runs of address rows and texthash tables for runs of host
/// rows (first-match order kept across runs), and the `check_client_access` restrictions using them.
enum HostAccessRenderer {
    /// What the HAT contributes to one listener.
    struct Output {
        var files: [RenderedFile] = []
        var clientRestrictions: [String] = []
        /// The HAT's part of `smtpd_relay_restrictions` (relay rows), before the RAT's part.
        var relayRestrictions: [String] = []
        /// True when an `ALL relay` row lets every client relay (the RAT is then never reached).
        var relaysEveryone = false
        /// True when a relay-stage table names the listener's RAT restriction class.
        var usesRATClass = false
        var warnings: [RenderWarning] = []
    }

    static func render(
        _ listener: ListenerSettings, tables: String, ratClass: String
    ) throws(PostfixRenderError) -> Output {
        var output = Output()
        let (rows, allPolicy) = try reachableRows(listener, warnings: &output.warnings)
        let runs = group(rows)
        var clientTables: [(file: RenderedFile, reference: String)] = []
        for (index, run) in runs.enumerated() {
            let table = table(listener, run: run, index: index, count: runs.count, kind: "", tables: tables) { $0.clientAction }
            clientTables.append(table)
            output.files.append(table.file)
            output.clientRestrictions += ["check_client_access", table.reference]
        }
        if allPolicy == "reject" || allPolicy == "tcprefuse" { output.clientRestrictions.append("reject") }

        let relaysEveryone = allPolicy == "relay"
        guard let lastRelayRun = runs.lastIndex(where: { $0.contains { $0.policy == "relay" } }) ?? (relaysEveryone ? runs.count - 1 : nil)
        else { return output }
        let needed = relaysEveryone ? runs.count : lastRelayRun + 1
        var usesRATClass = false
        for index in 0..<needed {
            // An `accept` row must stop the search for relay rows in later runs: its value is then the RAT,
            // as a restriction class (smtpd refuses lookup tables inside access maps with 451 4.3.5).
            let stopsHere = index < needed - 1 || relaysEveryone
            let table = table(listener, run: runs[index], index: index, count: runs.count, kind: "_relay", tables: tables) { row in
                switch row.policy {
                case "relay": return "OK"
                case "accept":
                    if stopsHere { usesRATClass = true }
                    return stopsHere ? ratClass : "DUNNO"
                default: return "REJECT"
                }
            }
            // Most HATs give the same rows at both stages: one file serves both.
            if tableRows(of: table.file) == tableRows(of: clientTables[index].file) {
                output.relayRestrictions += ["check_client_access", clientTables[index].reference]
            } else {
                output.files.append(table.file)
                output.relayRestrictions += ["check_client_access", table.reference]
            }
        }
        if relaysEveryone { output.relayRestrictions.append("permit") }
        output.usesRATClass = usesRATClass
        output.relaysEveryone = relaysEveryone
        return output
    }

    /// The rows a client can reach, and the `ALL` row's policy; rows after `ALL` and `continue` rows are left out.
    private static func reachableRows(
        _ listener: ListenerSettings, warnings: inout [RenderWarning]
    ) throws(PostfixRenderError) -> ([HATRow], String?) {
        var rows: [HATRow] = []
        for node in listener.hat {
            let policy = try node.string("policy")
            let pattern = try HATPattern.parse(try PostfixText.line(try node.string("match"), node), node)
            switch policy {
            case "continue":
                warnings.append(RenderWarning(
                    feature: "listeners", path: node.path,
                    message: "HAT policy continue has no Postfix equivalent: the row is left out, so the lookup goes on to the next row"))
                continue
            case "tcprefuse":
                warnings.append(RenderWarning(
                    feature: "listeners", path: node.path,
                    message: "HAT policy tcprefuse has no Postfix equivalent: the client is rejected with 554, not refused at TCP"))
            case "accept", "relay", "reject": break
            default: throw node.failure("unknown HAT policy '\(policy)'", at: "\(node.path).policy")
            }
            if pattern == .all { return (rows, policy) }
            // texthash looks up the most specific key first: a row an earlier row covers is unreachable in AsyncOS.
            if rows.contains(where: { $0.pattern.covers(pattern) }) { continue }
            rows.append(HATRow(pattern: pattern, policy: policy, node: node))
        }
        return (rows, nil)
    }

    private static func tableRows(of file: RenderedFile) -> Substring {
        file.content.drop { $0 != "\n" }
    }

    private static func group(_ rows: [HATRow]) -> [[HATRow]] {
        var runs: [[HATRow]] = []
        for row in rows {
            if let last = runs.last?.last, isNetwork(last) == isNetwork(row) {
                runs[runs.count - 1].append(row)
            } else {
                runs.append([row])
            }
        }
        return runs
    }

    private static func isNetwork(_ row: HATRow) -> Bool {
        if case .network = row.pattern { return true }
        return false
    }

    private static func table(
        _ listener: ListenerSettings, run: [HATRow], index: Int, count: Int, kind: String, tables: String,
        value: (HATRow) -> String
    ) -> (file: RenderedFile, reference: String) {
        let network = run.first.map(isNetwork) ?? true
        let number = count == 1 ? "" : "_\(index + 1)"
        let name = "hat_\(listener.name)\(kind)\(number)" + (network ? ".cidr" : "")
        let stage = kind.isEmpty ? "smtpd_client_restrictions" : "smtpd_relay_restrictions"
        let part = count == 1 ? "" : ", run \(index + 1) of \(count)"
        var text = "# HAT of listener \(listener.name)\(part) for \(stage); first match wins\n"
        for row in run { text += "\(row.pattern.key) \(value(row))\n" }
        let file = RenderedFile(path: "tables/\(name)", content: text)
        return (file, "\(network ? "cidr" : "texthash"):\(tables)/\(name)")
    }
}
