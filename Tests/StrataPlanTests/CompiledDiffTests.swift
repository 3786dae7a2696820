import Testing
import StrataModel
import StrataCompile
import StrataPlan
import StrataCatalogue

/// Diffs of effective configurations produced by the real loader and compiler from YAML.
@Suite struct CompiledDiffTests {
    @Test func identicalRepositoriesAreAllNoop() throws {
        let diff = try Fixture.diff([:])
        #expect(diff.actions == ["buttercup.run: noop", "losangeles.example.com: noop", "newyork.example.com: noop"])
        #expect(diff.machines.allSatisfy { $0.changes.isEmpty })
        #expect(!diff.hasChanges)
        #expect(diff.summary.line == "0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)")
    }

    @Test func scalarChangeInKeyedListItem() throws {
        let cluster = Fixture.cluster.replacingOccurrences(
            of: "interface: Data1\n", with: "interface: Data1\n      port: 2525\n")
        let diff = try Fixture.diff(["cluster.yaml": cluster])
        #expect(diff.actions == ["buttercup.run: update", "losangeles.example.com: update", "newyork.example.com: update"])
        for machine in diff.machines {
            #expect(machine.changes == [
                ConfigChange(path: "listeners[IncomingMail].port", before: .integer(25), after: .integer(2525)),
            ])
            #expect(machine.lines == ["listeners[IncomingMail].port: 25 → 2525"])
        }
        #expect(diff.summary.line == "3 machines to update, 0 to create, 0 to delete, 0 unchanged (3 changes)")
    }

    @Test func groupOverrideChangesOnlyTheGroupsMachines() throws {
        let usa = Fixture.usa + """
              dns:
                servers: [10.0.0.53]
                timeout: 10s

            """
        let diff = try Fixture.diff(["groups/usa.yaml": usa])
        #expect(diff.actions == ["buttercup.run: noop", "losangeles.example.com: update", "newyork.example.com: update"])
        #expect(diff["buttercup.run"]?.changes == [])
        for name in ["losangeles.example.com", "newyork.example.com"] {
            #expect(diff[name]?.lines == ["dns.servers: [192.0.2.53, 198.51.100.53] → [10.0.0.53]", "dns.timeout: 5s → 10s"])
            #expect(diff[name]?.changes.last == ConfigChange(path: "dns.timeout", before: .duration(5), after: .duration(10)))
        }
    }

    @Test func emptyOverrideAtGroupModeRemovesEveryItem() throws {
        let diff = try Fixture.diff(["groups/Main_Group.yaml": "settings:\n  smtp_routes: []\n"])
        #expect(diff.actions == ["buttercup.run: update", "losangeles.example.com: noop", "newyork.example.com: noop"])
        let routes = try #require(diff["buttercup.run"])
        #expect(routes.lines == ["- smtp_routes[example.com]", "- smtp_routes[.example.com]"])
        #expect(routes.changes.map(\.after) == [nil, nil])
        #expect(routes.changes.first?.before == .record([
            Field("domain", .string("example.com")), Field("destinations", .list([.string("mail1.example.com:25")])),
        ]))
    }

    @Test func machineMovedBetweenGroups() throws {
        let diff = try Fixture.diff([
            // losangeles leaves usa and loses its NTP servers; buttercup moves to an equivalent empty group.
            "machines/losangeles.example.com.yaml": Fixture.machine(group: "Main_Group", octet: 20),
            "groups/emea.yaml": "settings: {}\n",
            "machines/buttercup.run.yaml": Fixture.machine(group: "emea", octet: 30),
        ])
        #expect(diff.actions == ["buttercup.run: noop", "losangeles.example.com: update", "newyork.example.com: noop"])
        #expect(diff["losangeles.example.com"]?.lines == ["group: usa → Main_Group", "ntp.servers: [ntp-us.example.com] → []"])
        #expect(diff["buttercup.run"]?.changes == [
            ConfigChange(path: "group", before: .string("Main_Group"), after: .string("emea")),
        ])
        #expect(diff.summary == DiffSummary(created: 0, updated: 1, deleted: 0, unchanged: 2, changes: 3))
    }

    @Test func machineAddedAndMachineRemoved() throws {
        let diff = try Fixture.diff([
            "machines/chicago.example.com.yaml": Fixture.machine(group: "usa", octet: 40),
            "machines/buttercup.run.yaml": nil,
        ])
        #expect(diff.actions == [
            "buttercup.run: delete", "chicago.example.com: create", "losangeles.example.com: noop", "newyork.example.com: noop",
        ])
        let created = try #require(diff["chicago.example.com"])
        // Every feature the machine has: those without a default (failover) are absent here.
        let names = Catalogue.features.filter(\.hasDefault).map(\.name.rawValue)
        #expect(created.changes.map(\.path) == names)
        #expect(created.changes.allSatisfy { $0.before == nil && $0.after != nil })
        #expect(created.changes.first { $0.path == "hostname" }?.after == .string("chicago.example.com"))
        #expect(created.lines.prefix(2) == ["+ interfaces", "+ hostname: chicago.example.com"])
        let deleted = try #require(diff["buttercup.run"])
        #expect(deleted.changes.map(\.path) == names)
        #expect(deleted.changes.allSatisfy { $0.before != nil && $0.after == nil })
        #expect(deleted.lines.contains("- timezone: America/New_York"))
        let count = names.count
        #expect(diff.summary.line == "0 machines to update, 1 to create, 1 to delete, 2 unchanged (\(2 * count) changes)")
    }

    @Test func footerPromotedToClusterModeIsNoopWhereTheValueStaysEqual() throws {
        let footer = """
                - name: ny_footer
                  type: footer
                  text: Sent through New York.

            """
        // Before: newyork configures text_resources itself (the cluster's disclaimer plus its footer).
        let machineMode = Fixture.machine(group: "usa", octet: 10, settings: """
              text_resources:
                - name: disclaimer
                  type: disclaimer
                  text: Scanned by the Americas gateways.
            \(footer)
            """)
        var base = Fixture.files
        base["clusters/americas/machines/newyork.example.com.yaml"] = machineMode
        // After: the footer is promoted to cluster mode and newyork inherits.
        let promoted = Fixture.cluster.replacingOccurrences(
            of: "      text: Scanned by the Americas gateways.\n",
            with: "      text: Scanned by the Americas gateways.\n" + footer)
        let after = Fixture.files.merging(["clusters/americas/cluster.yaml": promoted]) { $1 }
        let provenance = try [base, after].map { files in
            try Fixture.compile(files).first { $0.machine.rawValue == "newyork.example.com" }?[feature: "text_resources"]?.provenance
        }
        #expect(provenance.map { $0?.description } == ["machine:newyork.example.com", "cluster"])
        let diff = try Fixture.diff([
            "cluster.yaml": promoted, "machines/newyork.example.com.yaml": Fixture.machine(group: "usa", octet: 10),
        ], base: base)
        #expect(diff.actions == ["buttercup.run: update", "losangeles.example.com: update", "newyork.example.com: noop"])
        #expect(diff["newyork.example.com"]?.changes == [])
        #expect(diff["losangeles.example.com"]?.lines == ["+ text_resources[ny_footer]"])
        #expect(diff["buttercup.run"]?.changes == [ConfigChange(path: "text_resources[ny_footer]", before: nil, after: .record([
            Field("name", .string("ny_footer")), Field("type", .string("footer")), Field("text", .string("Sent through New York.")),
        ]))])
    }

    @Test func keyedItemAddedAndRemoved() throws {
        let cluster = Fixture.cluster.replacingOccurrences(of: """
                - name: OutgoingMail
                  interface: Data2
                  type: private
            """, with: """
                - name: Submission
                  interface: Data2
                  port: 587
                  type: private
            """)
        let diff = try Fixture.diff(["cluster.yaml": cluster])
        for machine in diff.machines {
            #expect(machine.action == .update)
            #expect(machine.lines == ["+ listeners[Submission]", "- listeners[OutgoingMail]"])
            #expect(machine.changes.first?.after?[field: "port"] == .integer(587))
            #expect(machine.changes.last?.before?[field: "name"] == .string("OutgoingMail"))
        }
    }

    @Test func unkeyedListsChangeWhole() throws {
        let cluster = Fixture.cluster
            .replacingOccurrences(of: "    - unsubscribed@example.org\n", with: "    - unsubscribed@example.org\n    - spam.example.net\n")
            .replacingOccurrences(of: "{match: ALL, policy: reject}", with: "{match: ALL, policy: tcprefuse}")
        let diff = try Fixture.diff(["cluster.yaml": cluster])
        let machine = try #require(diff["newyork.example.com"])
        #expect(machine.lines == [
            "listeners[OutgoingMail].hat: [{match: 10.0.0.0/8, policy: relay}, {match: ALL, policy: reject}] → "
                + "[{match: 10.0.0.0/8, policy: relay}, {match: ALL, policy: tcprefuse}]",
            "global_unsubscribe: [unsubscribed@example.org] → [unsubscribed@example.org, spam.example.net]",
        ])
    }

    @Test func nestedKeyedListsAndSecrets() throws {
        func ldap(password: String, filter: String) -> String {
            """
              ldap:
                servers:
                  - name: corp
                    hosts: [ldap1.example.com]
                    base_dn: "dc=example,dc=com"
                    bind_password: {env: \(password)}
                queries:
                  - name: accept_users
                    server: corp
                    type: accept
                    filter: "\(filter)"

            """
        }
        let base = Fixture.files.merging(["clusters/americas/cluster.yaml": Fixture.cluster + ldap(password: "OLD", filter: "(mail={a})")]) { $1 }
        let diff = try Fixture.diff(["cluster.yaml": Fixture.cluster + ldap(password: "NEW", filter: "(proxyAddresses=smtp:{a})")], base: base)
        let machine = try #require(diff["buttercup.run"])
        #expect(machine.lines == [
            "ldap.servers[corp].bind_password: (sensitive) → (sensitive)",
            "ldap.queries[accept_users].filter: (mail={a}) → (proxyAddresses=smtp:{a})",
        ])
        #expect(machine.changes.first?.after == Value(.secret(SecretReference(source: .env, name: "NEW"))))
    }
}
