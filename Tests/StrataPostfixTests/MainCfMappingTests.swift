import Testing
import StrataModel
import StrataPostfix

@Suite("Postfix mapping: main.cf")
struct MainCfMappingTests {
    @Test("hostname is myhostname (the machine name without one); the instance is a relay with a pinned compatibility level")
    func instance() throws {
        #expect(try PostfixTestSupport.render(#"{"hostname": "gw1.example.com"}"#).text("main.cf").contains("myhostname = gw1.example.com\n"))
        let main = try PostfixTestSupport.render("{}").text("main.cf")
        #expect(main.contains("""
            # instance
            compatibility_level = 3.6
            myhostname = mx.example.com
            maillog_file = /var/lib/strata-agent/postfix/maillog
            maillog_file_prefixes = /var/lib/strata-agent/postfix
            inet_interfaces = loopback-only
            inet_protocols = ipv4

            # a relay: no local delivery
            mydestination =
            local_recipient_maps =
            alias_maps =
            alias_database =
            biff = no
            append_dot_mydomain = no
            parent_domain_matches_subdomains = debug_peer_list, fast_flush_domains, mynetworks, permit_mx_backup_networks, qmqpd_authorized_clients
            """), "main.cf:\n\(main)")
    }

    @Test("a machine known only by its address must configure a host name: Postfix refuses an address as myhostname")
    func addressAsHostname() {
        #expect(throws: PostfixRenderError(
            feature: "hostname", path: "hostname",
            message: "Postfix needs a host name for myhostname, not '192.0.2.1': configure hostname for this machine")) {
            try PostfixRenderer.render(
                configuration: .object([]), machine: "192.0.2.1", secrets: .references, layout: PostfixTestSupport.defaultLayout)
        }
    }

    @Test("the layout gives queue_directory, data_directory and the log; table paths follow config_directory")
    func layout() throws {
        let layout = PostfixLayout(configDirectory: "/srv/pf/etc/", queueDirectory: "/srv/pf/queue", dataDirectory: "/srv/pf/data",
                                   maillogFile: "/srv/pf/maillog")
        let rendering = try PostfixRenderer.render(configuration: .object([]), machine: "m", secrets: .references, layout: layout)
        let main = rendering.text("main.cf")
        #expect(main.contains("queue_directory = /srv/pf/queue\ndata_directory = /srv/pf/data\nmaillog_file = /srv/pf/maillog\nmaillog_file_prefixes = /srv/pf\n"))
        #expect(main.contains("transport_maps = texthash:/srv/pf/etc/tables/transport\n"))
    }

    @Test("a layout path with a space or a relative path is refused")
    func badLayout() {
        let layout = PostfixLayout(configDirectory: "/etc/post fix", maillogFile: "/var/log/x")
        #expect(throws: PostfixRenderError(
            feature: "backend", path: "config_directory", message: "'/etc/post fix' must be an absolute path without spaces, commas or colons")) {
            try PostfixRenderer.render(configuration: .object([]), machine: "m", secrets: .references, layout: layout)
        }
        #expect(throws: PostfixRenderError.self) {
            try PostfixRenderer.render(
                configuration: .object([]), machine: "m", secrets: .references, layout: PostfixLayout(configDirectory: "/etc/postfix", maillogFile: "log"))
        }
    }

    @Test("mta fields are main.cf parameters of the same name, process_limit as default_process_limit, durations in seconds")
    func mta() throws {
        let main = try PostfixTestSupport.render("""
            {"mta": {"process_limit": 120, "maximal_queue_lifetime": 432000, "minimal_backoff_time": 300,
                     "disable_vrfy_command": true, "smtpd_delay_reject": false, "message_size_limit": 20480000}}
            """).text("main.cf")
        #expect(main.hasSuffix("""
            # mta
            default_process_limit = 120
            message_size_limit = 20480000
            maximal_queue_lifetime = 432000s
            minimal_backoff_time = 300s
            disable_vrfy_command = yes
            smtpd_delay_reject = no

            """), "main.cf:\n\(main)")
    }

    @Test("an mta field this backend does not know is reported, not written")
    func unknownMTAField() throws {
        let rendering = try PostfixTestSupport.render(#"{"mta": {"smtpd_tls_level": 3}}"#)
        #expect(!rendering.text("main.cf").contains("smtpd_tls_level"))
        #expect(rendering.warningLines == ["mta.smtpd_tls_level: no Postfix mapping in this version of the backend: not written to main.cf"])
    }

    @Test("OS-layer features are not this backend's job: no file content, no warning")
    func osLayer() throws {
        let plain = try PostfixTestSupport.render("{}")
        let withOS = try PostfixTestSupport.render("""
            {"routes": [{"destination": "default", "gateway": "198.51.100.1"}],
             "users": [{"name": "admin", "role": "admin", "password_hash": "$6$xxxxxxxxxxxxxxxxxxxxxx"}],
             "ssh": {"authorized_keys": [], "ciphers": ["aes128-ctr"]}, "timezone": "America/New_York",
             "ntp": {"servers": ["time1.example.com"]}, "dns": {"servers": ["192.0.2.53"], "timeout": 5},
             "feature_keys": [{"feature": "antispam", "key": "K"}]}
            """)
        #expect(withOS == plain)
    }
}
