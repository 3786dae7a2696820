/// A listener's RAT → one texthash table and the `check_recipient_access` restrictions ending in
/// the `ALL` row's action (reject when there is none: AsyncOS's default RAT rejects the rest).
enum RecipientAccessRenderer {
    /// What the RAT contributes to one listener.
    struct Output {
        var file: RenderedFile?
        /// The RAT's part of `smtpd_relay_restrictions`, ending in `permit` or `reject`.
        var restrictions: [String] = []
        /// Domains of accepted recipients (for `relay_domains`).
        var acceptedDomains: [String] = []
        var warnings: [RenderWarning] = []
    }

    static func render(_ listener: ListenerSettings, tables: String) throws(PostfixRenderError) -> Output {
        var output = Output()
        var rows: [(pattern: RecipientPattern, action: String)] = []
        var final = "reject"
        for node in listener.rat {
            let action = try node.string("action")
            guard action == "accept" || action == "reject" else {
                throw node.failure("unknown RAT action '\(action)'", at: "\(node.path).action")
            }
            let pattern = try RecipientPattern.parse(try node.string("recipient"), node)
            if pattern == .all {
                final = action == "accept" ? "permit" : "reject"
                break
            }
            if rows.contains(where: { $0.pattern.covers(pattern) }) { continue }
            let afterLocalPart = rows.contains { row in
                if case .localPart = row.pattern { return true }
                return false
            }
            if afterLocalPart, pattern.domain != nil {
                output.warnings.append(RenderWarning(
                    feature: "listeners", path: node.path,
                    message: "Postfix looks up user@ rows after address and domain rows: this row wins over an earlier user@ row"))
            }
            rows.append((pattern, action))
            if action == "accept", let domain = pattern.domain { output.acceptedDomains.append(domain) }
        }
        if !rows.isEmpty {
            let name = "rat_\(listener.name)"
            var text = "# RAT of listener \(listener.name); recipients not listed: \(final)\n"
            for row in rows { text += "\(row.pattern.key) \(row.action == "accept" ? "OK" : "REJECT")\n" }
            output.file = RenderedFile(path: "tables/\(name)", content: text)
            output.restrictions = ["check_recipient_access", "texthash:\(tables)/\(name)"]
        }
        output.restrictions.append(final)
        return output
    }
}
