import Foundation
import StrataTestSupport

/// A small cluster of `machines` reached through agents: one listener on interface Data1, an LDAP server whose
/// bind password is the secret `env:LAB_LDAP_PASSWORD`, DNS with `dnsTimeout`.
enum LabCluster {
    static let name = "lab"
    static let tokenVariable = "LAB_AGENT_TOKEN"
    static let token = "lab-token-5c1e"
    static let secretVariable = "LAB_LDAP_PASSWORD"

    /// Writes the cluster; `agents` is the YAML of the `agents:` block (nil: embedded state).
    static func write(
        into repo: ConfigRepo, machines: [(name: String, agent: String?)], agents: String? = "{tls: off, token: {env: LAB_AGENT_TOKEN}}",
        version: String = "15.5.1", dnsTimeout: String = "5s"
    ) throws {
        var cluster = "requires:\n  version: \"\(version)\"\n  addressing: hostname\n  max_machines: 40\n"
        if let agents { cluster += "agents: \(agents)\n" }
        cluster += """
            settings:
              dns:
                servers: [192.0.2.53]
                timeout: \(dnsTimeout)
              timezone: Europe/Berlin
              text_resources:
                - {name: disclaimer, type: disclaimer, text: "Scanned by the lab gateways."}
              ldap:
                servers:
                  - name: corp
                    hosts: [ldap1.example.com]
                    port: 636
                    base_dn: "dc=example,dc=com"
                    bind_dn: "cn=strata,dc=example,dc=com"
                    bind_password: {env: \(secretVariable)}
                queries: []
              listeners:
                - name: IncomingMail
                  interface: Data1
                  type: public
                  footer: disclaimer
                  hat:
                    - {match: ALL, policy: accept}

            """
        try repo.write("clusters/\(name)/cluster.yaml", cluster)
        try repo.write("clusters/\(name)/groups/main.yaml", "settings: {}\n")
        for (index, machine) in machines.enumerated() {
            var text = "group: main\n"
            if let agent = machine.agent { text += "agent: \(agent)\n" }
            text += """
                settings:
                  hostname: \(machine.name)
                  interfaces:
                    - {name: Data1, address: 198.51.100.\(index + 10)/24}

                """
            try repo.write("clusters/\(name)/machines/\(machine.name).yaml", text)
        }
    }

    /// The environment a controller needs: the agents' token and the LDAP secret.
    static func environment(secret: String = "ldap-secret-value-4471") -> [String: String] {
        [tokenVariable: token, secretVariable: secret]
    }
}
