import Foundation

/// The Americas example adapted to loopback (DECISIONS: no LDAP queries, no SMTP auth): newyork's
/// IncomingMail and OutgoingMail on 127.0.0.1 (Postfix's inet_interfaces takes only addresses an
/// interface has), the HAT rejecting client 127.0.0.3, the RAT accepting example.com only,
/// example.com routed to a sink on 127.0.0.1.
struct PostfixLabRepo {
    var agentPort: Int
    var incomingPort: Int
    var outgoingPort: Int
    /// `smtp_routes` destinations of example.com.
    var route: String
    /// Data1's address (a test moves it off this host).
    var incomingAddress = "127.0.0.1"

    func write(into directory: String) throws {
        try file(directory, "clusters/americas/cluster.yaml", cluster)
        try file(directory, "clusters/americas/groups/usa.yaml", "settings: {}\n")
        try file(directory, "clusters/americas/machines/\(PostfixLab.machine).yaml", """
            group: usa
            agent: http://127.0.0.1:\(agentPort)
            settings:
              hostname: \(PostfixLab.machine)
              interfaces:
                - name: Data1
                  address: \(incomingAddress)/8

            """)
    }

    private var cluster: String {
        """
        requires:
          version: "15.5.1"
          addressing: hostname
        agents:
          tls: off
          token: {env: STRATA_AGENT_TOKEN}
        settings:
          timezone: America/New_York
          text_resources:
            - name: disclaimer
              type: disclaimer
              text: This message was scanned by the Americas mail gateways.
          bounce_profiles:
            - name: standard
              max_retries: 100
              max_queue_lifetime: 3d
              initial_retry: 1m
              max_retry: 1h
          listeners:
            - name: IncomingMail
              interface: Data1
              port: \(incomingPort)
              type: public
              hat:
                - {match: "127.0.0.3/32", policy: reject}
                - {match: ALL, policy: accept}
              rat:
                - {recipient: example.com, action: accept}
                - {recipient: ALL, action: reject}
              footer: disclaimer
              bounce_profile: standard
              max_connections: 100
            - name: OutgoingMail
              interface: Data1
              port: \(outgoingPort)
              type: private
              hat:
                - {match: "127.0.0.0/8", policy: relay}
                - {match: ALL, policy: reject}
          smtp_routes:
            - domain: example.com
              destinations: ["\(route)"]
          destination_controls:
            - destination: default
              max_connections: 500
              max_messages_per_connection: 50
              tls: preferred
          global_unsubscribe:
            - unsubscribed@example.org
          mta:
            maximal_queue_lifetime: 5d
            bounce_queue_lifetime: 2d
            minimal_backoff_time: 5m
            maximal_backoff_time: 1h
            message_size_limit: 20480000
            mailbox_size_limit: 51200000
            disable_vrfy_command: true
            smtpd_helo_required: true

        """
    }

    private func file(_ directory: String, _ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: directory + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
