import Foundation
import Testing
import StrataModel
import StrataPlan

/// The JSON contract, the text lines and the saved (tagged JSON) form of a diff.
@Suite struct DiffRenderingTests {
    @Test func exactJSONForASmallCase() throws {
        let newyork = Fixture.machine(group: "usa", octet: 10, settings: """
              hostname: mx.newyork.example.com
              dns:
                servers: root
                timeout: 10s
              ldap:
                servers:
                  - name: corp
                    hosts: [ldap1.example.com]
                    base_dn: "dc=example,dc=com"
                    bind_password: {env: NY_LDAP_PASSWORD}

            """)
        let diff = try Fixture.diff(["machines/newyork.example.com.yaml": newyork])
        #expect(diff.json.rendered() == """
            {
              "summary": {
                "create": 0,
                "update": 1,
                "delete": 0,
                "noop": 2,
                "changes": 4
              },
              "machines": [
                {
                  "machine": "buttercup.run",
                  "cluster": "americas",
                  "action": "noop",
                  "changes": []
                },
                {
                  "machine": "losangeles.example.com",
                  "cluster": "americas",
                  "action": "noop",
                  "changes": []
                },
                {
                  "machine": "newyork.example.com",
                  "cluster": "americas",
                  "action": "update",
                  "changes": [
                    {
                      "path": "hostname",
                      "before": "newyork.example.com",
                      "after": "mx.newyork.example.com"
                    },
                    {
                      "path": "ldap.servers[corp]",
                      "before": null,
                      "after": {
                        "name": "corp",
                        "hosts": [
                          "ldap1.example.com"
                        ],
                        "port": 389,
                        "base_dn": "dc=example,dc=com",
                        "bind_password": {
                          "secret": "env:NY_LDAP_PASSWORD"
                        }
                      }
                    },
                    {
                      "path": "dns.servers",
                      "before": [
                        "192.0.2.53",
                        "198.51.100.53"
                      ],
                      "after": "root"
                    },
                    {
                      "path": "dns.timeout",
                      "before": 5,
                      "after": 10
                    }
                  ]
                }
              ]
            }
            """)
        #expect(diff["newyork.example.com"]?.lines == [
            "hostname: newyork.example.com → mx.newyork.example.com",
            "+ ldap.servers[corp]",
            "dns.servers: [192.0.2.53, 198.51.100.53] → root",
            "dns.timeout: 5s → 10s",
        ])
    }

    @Test func removedSecretIsShownAsSensitive() {
        let secret = Value(.secret(SecretReference(source: .file, name: "/run/secrets/ldap")))
        let change = ConfigChange(path: "ldap.servers[corp].bind_password", before: secret, after: nil)
        #expect(change.line == "- ldap.servers[corp].bind_password: (sensitive)")
        #expect(change.kind == .removed)
        #expect(change.json.rendered(pretty: false)
            == #"{"path":"ldap.servers[corp].bind_password","before":{"secret":"file:/run/secrets/ldap"},"after":null}"#)
    }

    @Test func addedScalarShowsItsValueAndTextStaysOnOneLine() {
        #expect(ConfigChange(path: "listeners[A].footer", before: nil, after: .string("disclaimer")).line
            == "+ listeners[A].footer: disclaimer")
        #expect(ConfigChange(path: "text_resources[d].text", before: .string("one\ntwo"), after: .string("one")).line
            == #"text_resources[d].text: one\ntwo → one"#)
    }

    @Test(arguments: [
        (DiffSummary(created: 1, updated: 2, deleted: 0, unchanged: 3, changes: 7),
         "2 machines to update, 1 to create, 0 to delete, 3 unchanged (7 changes)"),
        (DiffSummary(created: 0, updated: 1, deleted: 1, unchanged: 0, changes: 1),
         "1 machine to update, 0 to create, 1 to delete, 0 unchanged (1 change)"),
    ])
    func summaryLine(summary: DiffSummary, expected: String) {
        #expect(summary.line == expected)
    }

    @Test func savedDiffReadsBackExactly() throws {
        let diff = ConfigDiff(machines: [
            MachineDiff(machine: MachineName("a.example.com"), cluster: ClusterName("c"), action: .update, changes: [
                ConfigChange(path: "dns.timeout", before: .duration(5), after: .integer(5)),
                ConfigChange(path: "ldap.servers[x]", before: nil, after: .record([
                    Field("hosts", .list([.string("h")])), Field("tls", .boolean(true)),
                    Field("bind_password", Value(.secret(SecretReference(source: .env, name: "P")))),
                ])),
            ]),
        ])
        let saved = JSON.array(diff.machines.flatMap(\.changes).map(\.storedJSON)).rendered()
        guard case .array(let items) = try JSONParser.parse(Array(saved.utf8)) else { Issue.record("not a list"); return }
        var changes: [ConfigChange] = []
        for item in items { changes.append(try ConfigChange(storedJSON: item)) }
        let decoded = ConfigDiff(machines: [MachineDiff(machine: MachineName("a.example.com"), cluster: ClusterName("c"), action: .update, changes: changes)])
        #expect(decoded == diff)
        #expect(decoded.machines.first?.changes.first?.before?.kind == .duration(5))
    }
}

/// Plan files written before the tagged form moved off Codable read back: the form is byte for byte the same.
@Suite struct StoredChangeFormTests {
    static let earlierForm =
        #"{"path":"a","before":{"duration":5},"after":{"record":[{"name":"p","value":{"secret":{"name":"P","source":"env"}}},"#
        + #"{"name":"l","value":{"list":[{"string":"x"},{"integer":1},{"boolean":true}]}}]}}"#

    static let change = ConfigChange(path: "a", before: .duration(5), after: .record([
        Field("p", Value(.secret(SecretReference(source: .env, name: "P")))),
        Field("l", .list([.string("x"), .integer(1), .boolean(true)])),
    ]))

    @Test func writesTheEarlierForm() {
        #expect(Self.change.storedJSON.rendered(pretty: false) == Self.earlierForm)
    }

    @Test func readsTheEarlierForm() throws {
        let read = try ConfigChange(storedJSON: try JSONParser.parse(Self.earlierForm))
        #expect(read == Self.change)
        #expect(read.before?.kind == .duration(5))
        #expect(#"{"path":"b","before":null,"after":{"integer":2}}"#
            == (try ConfigChange(storedJSON: try JSONParser.parse(#"{"path":"b","after":{"integer":2}}"#))).storedJSON.rendered(pretty: false))
    }
}
