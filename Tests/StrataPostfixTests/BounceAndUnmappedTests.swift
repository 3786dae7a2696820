import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: bounce profiles, texts and unmapped features")
struct BounceAndUnmappedTests {
    static let listener = """
        "interfaces": [{"name": "Data1", "address": "198.51.100.10/24"}],
        "listeners": [{"name": "In", "interface": "Data1", "bounce_profile": "standard", "footer": "disclaimer"}]
        """

    @Test("mta wins for lifetimes and back-off; a listener's profile asking otherwise, max_retries and send_bounces are reported")
    func bounceProfile() throws {
        let rendering = try PostfixTestSupport.render("""
            {\(Self.listener),
             "bounce_profiles": [{"name": "standard", "max_retries": 100, "max_queue_lifetime": 259200, "initial_retry": 60,
                                  "max_retry": 3600, "send_bounces": false},
                                 {"name": "unused", "max_retries": 5, "max_queue_lifetime": 60, "initial_retry": 60, "max_retry": 60}],
             "mta": {"maximal_queue_lifetime": 432000, "minimal_backoff_time": 300, "maximal_backoff_time": 3600}}
            """)
        #expect(rendering.text("main.cf").contains("maximal_queue_lifetime = 432000s\nminimal_backoff_time = 300s\nmaximal_backoff_time = 3600s\n"))
        #expect(rendering.warningLines.filter { $0.hasPrefix("bounce_profiles") } == [
            "bounce_profiles[standard].max_retries: no Postfix equivalent: messages are retried until maximal_queue_lifetime",
            "bounce_profiles[standard].send_bounces: no Postfix equivalent per listener: bounces are still sent",
            "bounce_profiles[standard].max_queue_lifetime: not enforced: main.cf has maximal_queue_lifetime = 432000s from mta "
                + "(one queue manager per instance), the profile asks for 259200s",
            "bounce_profiles[standard].initial_retry: not enforced: main.cf has minimal_backoff_time = 300s from mta "
                + "(one queue manager per instance), the profile asks for 60s",
        ])
    }

    @Test("the first bounce text is the failure template; a listener's footer is reported")
    func bounceTextAndFooter() throws {
        let rendering = try PostfixTestSupport.render("""
            {\(Self.listener),
             "bounce_profiles": [{"name": "standard"}],
             "text_resources": [{"name": "disclaimer", "type": "disclaimer", "text": "Scanned."},
                                {"name": "nope", "type": "bounce", "text": "Your message could not be delivered.\\nSorry."},
                                {"name": "second", "type": "bounce", "text": "Other."}]}
            """)
        #expect(rendering.text("bounce.cf") == """
            # Bounce text nope
            failure_template = <<EOF
            Charset: us-ascii
            From: MAILER-DAEMON (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            Postmaster-Subject: Postmaster Copy: Undelivered Mail

            Your message could not be delivered.
            Sorry.
            EOF

            """)
        #expect(rendering.text("main.cf").contains("bounce_template_file = /etc/postfix/bounce.cf\n"))
        #expect(rendering.warningLines == [
            "listeners[In].footer: footer 'disclaimer' is not added: Postfix has no native footers or disclaimers (alterMIME or a milter would be needed)",
            "text_resources[second]: only one bounce text per instance: the first bounce resource is used",
        ])
    }

    @Test("a bounce text with an EOF line could end the template early and is refused")
    func bounceTextEOF() {
        #expect(throws: PostfixRenderError(
            feature: "text_resources", path: "text_resources[b].text",
            message: "a bounce text cannot contain a line 'EOF' or control characters")) {
            try PostfixTestSupport.render(#"{"text_resources": [{"name": "b", "type": "bounce", "text": "x\nEOF\nmail_owner = root"}]}"#)
        }
    }

    @Test("content filters and dictionaries in use are reported")
    func contentFilters() throws {
        let rendering = try PostfixTestSupport.render("""
            {"dictionaries": [{"name": "confidential", "words": ["x"], "case_sensitive": false}],
             "content_filters": [{"name": "tag", "dictionary": "confidential", "action": "deliver"}]}
            """)
        #expect(rendering.warningLines == [
            "content_filters[tag]: content filters have no Postfix mapping (header_checks/body_checks or a milter would be needed): not applied",
            "dictionaries[confidential]: dictionaries have no Postfix mapping: not used",
        ])
    }
}
