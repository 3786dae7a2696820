/// Bounce profiles and bounce texts. One queue manager serves the whole instance, so `mta` wins
/// for lifetimes and back-off; a listener's profile that asks for other values is reported as not
/// enforced. The first `bounce` text resource becomes the failure template.
enum BounceRenderer {
    /// Profile field, `mta` field it would need to equal.
    static let comparisons = [
        ("max_queue_lifetime", "maximal_queue_lifetime"), ("initial_retry", "minimal_backoff_time"), ("max_retry", "maximal_backoff_time"),
    ]

    /// Warnings for the bounce profiles listeners use.
    static func warnings(
        listeners: [ListenerSettings], profiles: [SettingNode], mta: SettingNode?
    ) throws(PostfixRenderError) -> [RenderWarning] {
        var warnings: [RenderWarning] = []
        var seen: Set<String> = []
        for listener in listeners {
            guard let name = listener.bounceProfile, seen.insert(name).inserted else { continue }
            var found: SettingNode?
            for node in profiles where found == nil {
                if try node.string("name") == name { found = node }
            }
            guard let profile = found else {
                throw listener.node.failure("bounce profile '\(name)' is not configured on this machine", at: "\(listener.node.path).bounce_profile")
            }
            if profile.child("max_retries") != nil {
                warnings.append(RenderWarning(
                    feature: "bounce_profiles", path: "\(profile.path).max_retries",
                    message: "no Postfix equivalent: messages are retried until maximal_queue_lifetime"))
            }
            if try !profile.bool("send_bounces", default: true) {
                warnings.append(RenderWarning(
                    feature: "bounce_profiles", path: "\(profile.path).send_bounces",
                    message: "no Postfix equivalent per listener: bounces are still sent"))
            }
            for (field, parameter) in comparisons {
                guard let wanted = profile.child(field)?.json.intValue, let actual = MTAParameters.seconds(mta, parameter), wanted != actual
                else { continue }
                warnings.append(RenderWarning(
                    feature: "bounce_profiles", path: "\(profile.path).\(field)",
                    message: "not enforced: main.cf has \(parameter) = \(actual)s from mta (one queue manager per instance), the profile asks for \(wanted)s"))
            }
        }
        return warnings
    }

    /// `bounce.cf` from the first `bounce` text resource; the others are reported.
    static func template(_ resources: [SettingNode]) throws(PostfixRenderError) -> (file: RenderedFile?, warnings: [RenderWarning]) {
        var file: RenderedFile?
        var warnings: [RenderWarning] = []
        for resource in resources {
            guard try resource.string("type") == "bounce" else { continue }
            guard file == nil else {
                warnings.append(RenderWarning(
                    feature: "text_resources", path: resource.path,
                    message: "only one bounce text per instance: the first bounce resource is used"))
                continue
            }
            let text = try resource.string("text")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.contains(where: { $0.filter { $0 != " " && $0 != "\t" } == "EOF" }) || text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) {
                throw resource.failure("a bounce text cannot contain a line 'EOF' or control characters", at: "\(resource.path).text")
            }
            let charset = text.unicodeScalars.allSatisfy(\.isASCII) ? "us-ascii" : "utf-8"
            var content = "# Bounce text \(try resource.string("name"))\nfailure_template = <<EOF\nCharset: \(charset)\n"
            content += "From: MAILER-DAEMON (Mail Delivery System)\nSubject: Undelivered Mail Returned to Sender\n"
            content += "Postmaster-Subject: Postmaster Copy: Undelivered Mail\n\n"
            content += text.hasSuffix("\n") ? text : text + "\n"
            content += "EOF\n"
            file = RenderedFile(path: "bounce.cf", content: content)
        }
        return (file, warnings)
    }
}
