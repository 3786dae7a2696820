import Foundation
import Testing
import StrataTestSupport

/// A history of the americas example with one crafted change per commit, each tagged, built once and only read:
///
///     start ─ ny-footer ─ usa-dns ─ main-routes-empty ─ la-moved ─ sp-replaces-bc ─ footer-promoted ─ port-2525
///       ─ ny-regrouped ─ comment-only ─ secret-rotated = main = HEAD
///                                                     └─ broken (branch: does not validate)
final class DiffHistory: @unchecked Sendable {
    static let shared = Result { try DiffHistory() }

    static func get() throws -> DiffHistory { try shared.get() }

    /// A machine file for saopaulo.example.com in Main_Group.
    static let saoPaulo = """
        group: Main_Group
        serial: 4229D0A1B2C3-SP01
        settings:
          hostname: saopaulo.example.com
          interfaces:
            - name: Management
              address: 192.0.2.40/24
              services: [ssh, https, ccs]
            - name: Data1
              address: 198.51.100.40/24
            - name: Data2
              address: 203.0.113.40/24
          routes:
            - destination: default
              gateway: 198.51.100.1
          feature_keys:
            - feature: antispam
              key: SP01-ASPM-7Q2L-0004

        """

    static let cluster = "clusters/americas/cluster.yaml"
    static let usa = "clusters/americas/groups/usa.yaml"
    static let mainGroup = "clusters/americas/groups/Main_Group.yaml"
    static let newyork = "clusters/americas/machines/newyork.example.com.yaml"
    static let losangeles = "clusters/americas/machines/losangeles.example.com.yaml"

    /// The cluster's two text resources, then a footer; newyork configures exactly this list at machine mode.
    static let textResourcesWithLegal = """
          text_resources:
            - name: disclaimer
              type: disclaimer
              text: |
                This message was scanned by the Americas mail gateways.
                It may contain confidential information.
            - name: quarantine_notice
              type: notification
              text: A message addressed to you was quarantined.
            - name: legal
              type: footer
              text: Sent by the New York office.

        """

    let fixture: GitFixture

    init() throws {
        let fixture = try GitFixture()
        SharedFixtures.keep(fixture)
        func tag(_ name: String) throws {
            try fixture.commitAll(name)
            try fixture.git("tag", name)
        }
        try tag("start")

        // newyork configures text_resources at machine mode: the cluster's two and its own footer.
        let originalNewyork = try fixture.read(Self.newyork)
        try fixture.append(Self.newyork, Self.textResourcesWithLegal)
        try tag("ny-footer")

        // (a) A group override: only usa's machines change.
        try fixture.append(Self.usa, "  dns:\n    servers: [192.0.2.99]\n    timeout: 5s\n")
        try tag("usa-dns")

        // (b) An empty override at group mode: Main_Group's machines get no SMTP routes.
        try fixture.write(Self.mainGroup, "settings:\n  smtp_routes: []\n")
        try tag("main-routes-empty")

        // (c) losangeles moves from usa to Main_Group.
        try fixture.replace(Self.losangeles, "group: usa", with: "group: Main_Group")
        try tag("la-moved")

        // (d) buttercup.run leaves, saopaulo.example.com joins.
        try fixture.remove("clusters/americas/machines/buttercup.run.yaml")
        try fixture.write("clusters/americas/machines/saopaulo.example.com.yaml", Self.saoPaulo)
        try tag("sp-replaces-bc")

        // (e) The footer is promoted from newyork's machine mode to cluster mode.
        try fixture.write(Self.newyork, originalNewyork)
        try fixture.replace(
            Self.cluster, "      text: A message addressed to you was quarantined.\n",
            with: "      text: A message addressed to you was quarantined.\n    - name: legal\n      type: footer\n      text: Sent by the New York office.\n")
        try tag("footer-promoted")

        // (f) The cluster's IncomingMail listens on 2525 (newyork has its own listeners).
        try fixture.replace(Self.cluster, "interface: Data1\n      port: 25\n", with: "interface: Data1\n      port: 2525\n")
        try tag("port-2525")

        // A move to a group with the same settings: nothing effective changes.
        try fixture.write("clusters/americas/groups/usa_east.yaml", try fixture.read(Self.usa))
        try fixture.replace(Self.newyork, "group: usa", with: "group: usa_east")
        try tag("ny-regrouped")

        // (g) A comment and the order of a group's features: no effective change.
        try fixture.replace(
            Self.cluster, "# The Americas cluster of the Cisco Centralized Management guide: most settings live here.",
            with: "# The Americas cluster: most settings live here.")
        try fixture.write(Self.usa, """
            settings:
              ntp:
                servers: [ntp-us.example.com]
              dns:
                servers: [192.0.2.99]
                timeout: 5s
              smtp_routes:
                - domain: example.com
                  destinations: ["mail-us1.example.com:25", "mail-us2.example.com:25"]
                - domain: .example.com
                  destinations: ["mail-us1.example.com"]

            """)
        try tag("comment-only")

        // (i) The LDAP bind password comes from another environment variable.
        try fixture.replace(
            Self.cluster, "bind_password: {env: AMERICAS_LDAP_PASSWORD}", with: "bind_password: {env: AMERICAS_LDAP_PASSWORD_ROTATED}")
        try tag("secret-rotated")

        // (h) A branch whose last commit does not validate.
        try fixture.git("checkout", "-q", "-b", "broken")
        try fixture.replace(Self.usa, "  ntp:\n", with: "  ntpp:\n")
        try fixture.commitAll("usa: typo")
        try fixture.git("checkout", "-q", "main")
        self.fixture = fixture
    }

    /// How diff labels a revision: `name (short id)`.
    func label(_ revision: String) throws -> String { "\(revision) (\(try fixture.shortId(revision)))" }

    /// `strata diff ARGUMENTS --repo WORK`.
    func diff(_ arguments: String..., environment: [String: String] = [:]) async throws -> CommandResult {
        try await fixture.strata(["diff"] + arguments + ["--repo", fixture.path], extraEnvironment: environment)
    }
}

/// A diff's JSON document (`--format json`), parsed and flattened to comparable lines.
struct DiffJSON {
    var summary: [String: Int]
    /// `machine action` for every machine, in order.
    var machines: [String]
    /// `machine path: before -> after`, values as canonical JSON, for every change in order.
    var changes: [String]
    /// `machine kind path` for every destructive change, in order.
    var destructive: [String]
    var before: [String: String?]
    var after: [String: String?]

    init(_ text: String) throws {
        let object = try jsonObject(text)
        #expect(Array(object.keys).sorted() == ["after", "before", "machines", "summary"])
        summary = try #require(object["summary"] as? [String: Int])
        let list = try #require(object["machines"] as? [[String: Any]])
        machines = []
        changes = []
        destructive = []
        for machine in list {
            // `destructive` is there only for a machine with a destructive change.
            #expect(Array(machine.keys).sorted().filter { $0 != "destructive" } == ["action", "changes", "cluster", "machine"])
            #expect(machine["cluster"] as? String == "americas" || machine["cluster"] as? String == "c1")
            let name = try #require(machine["machine"] as? String)
            machines.append("\(name) \(try #require(machine["action"] as? String))")
            for finding in machine["destructive"] as? [[String: Any]] ?? [] {
                destructive.append("\(name) \(finding["kind"] as? String ?? "?") \(finding["path"] as? String ?? "?")")
            }
            for change in try #require(machine["changes"] as? [[String: Any]]) {
                #expect(Array(change.keys).sorted() == ["after", "before", "path"])
                let path = try #require(change["path"] as? String)
                changes.append("\(name) \(path): \(try canonicalJSON(change["before"])) -> \(try canonicalJSON(change["after"]))")
            }
        }
        func side(_ key: String) throws -> [String: String?] {
            let object = try #require(object[key] as? [String: Any])
            return object.mapValues { $0 as? String }
        }
        before = try side("before")
        after = try side("after")
    }

    /// An expected change line with values given as JSON text.
    static func change(_ machine: String, _ path: String, _ before: String, _ after: String) throws -> String {
        "\(machine) \(path): \(try canonicalJSON(text: before)) -> \(try canonicalJSON(text: after))"
    }
}

@Suite("Git-native: diff")
struct GitNativeDiffTests {
    static let features = [
        "interfaces", "hostname", "routes", "feature_keys", "users", "ssh", "timezone", "ntp", "listeners", "text_resources",
        "ldap", "bounce_profiles", "smtp_auth_profiles", "dictionaries", "content_filters", "smtp_routes",
        "destination_controls", "dns", "global_unsubscribe", "mta",
    ]

    /// Runs the diff without and with --detailed-exitcode and checks both exit codes; returns the first result.
    func diff(_ history: DiffHistory, _ from: String, _ to: String, format: String = "text", changes: Bool) async throws -> CommandResult {
        let plain = try await history.diff(from, to, "--format", format)
        let detailed = try await history.diff(from, to, "--format", format, "--detailed-exitcode")
        #expect(plain.status == 0, "diff \(from) \(to) --format \(format): \(plain.stderr)")
        #expect(detailed.status == (changes ? 2 : 0), "diff \(from) \(to) --format \(format) --detailed-exitcode")
        #expect(plain.stderr == "")
        #expect(detailed.stdout == plain.stdout)
        return plain
    }

    func sides(_ history: DiffHistory, _ from: String, _ to: String) throws -> ([String: String?], [String: String?]) {
        (["name": from, "commit": try history.fixture.revParse(from)], ["name": to, "commit": try history.fixture.revParse(to)])
    }

    // MARK: (a) group override

    @Test func groupOverrideChangesOnlyThatGroupsMachines() async throws {
        let history = try DiffHistory.get()
        let text = try await diff(history, "ny-footer", "usa-dns", changes: true)
        #expect(text.stdout == """
            \(try history.label("ny-footer")) → \(try history.label("usa-dns")): 2 machines to update, 0 to create, 0 to delete, 1 unchanged (2 changes)

            ~ losangeles.example.com (cluster americas, update)
                dns.servers: [192.0.2.53, 198.51.100.53] → [192.0.2.99]

            ~ newyork.example.com (cluster americas, update)
                dns.servers: [192.0.2.53, 198.51.100.53] → [192.0.2.99]

            """)
        let json = try DiffJSON(try await diff(history, "ny-footer", "usa-dns", format: "json", changes: true).stdout)
        #expect(json.summary == ["create": 0, "update": 2, "delete": 0, "noop": 1, "changes": 2])
        #expect(json.machines == ["buttercup.run noop", "losangeles.example.com update", "newyork.example.com update"])
        #expect(json.changes == [
            try DiffJSON.change("losangeles.example.com", "dns.servers", #"["192.0.2.53", "198.51.100.53"]"#, #"["192.0.2.99"]"#),
            try DiffJSON.change("newyork.example.com", "dns.servers", #"["192.0.2.53", "198.51.100.53"]"#, #"["192.0.2.99"]"#),
        ])
        let (before, after) = try sides(history, "ny-footer", "usa-dns")
        #expect(json.before == before)
        #expect(json.after == after)
    }

    // MARK: (b) empty override

    @Test func emptyOverrideAtGroupModeRemovesTheInheritedItems() async throws {
        let history = try DiffHistory.get()
        let text = try await diff(history, "usa-dns", "main-routes-empty", changes: true)
        #expect(text.stdout == """
            \(try history.label("usa-dns")) → \(try history.label("main-routes-empty")): 1 machine to update, 0 to create, 0 to delete, 2 unchanged (2 changes)

            ~ buttercup.run (cluster americas, update) [destructive]
                - smtp_routes[example.com]
                - smtp_routes[.example.com]
                ! destructive: smtp_routes: smtp_routes had 2 routes and would be empty (smtp_routes_emptied)

            """)
        let json = try DiffJSON(try await diff(history, "usa-dns", "main-routes-empty", format: "json", changes: true).stdout)
        #expect(json.summary == ["create": 0, "update": 1, "delete": 0, "noop": 2, "changes": 2])
        #expect(json.machines == ["buttercup.run update", "losangeles.example.com noop", "newyork.example.com noop"])
        #expect(json.destructive == ["buttercup.run smtp_routes_emptied smtp_routes"])
        #expect(json.changes == [
            try DiffJSON.change(
                "buttercup.run", "smtp_routes[example.com]",
                #"{"domain": "example.com", "destinations": ["mail1.example.com:25", "mail2.example.com:25"]}"#, "null"),
            try DiffJSON.change(
                "buttercup.run", "smtp_routes[.example.com]", #"{"domain": ".example.com", "destinations": ["mail1.example.com"]}"#, "null"),
        ])
    }

    // MARK: (c) machine moved

    @Test func machineMovedBetweenGroups() async throws {
        let history = try DiffHistory.get()
        let text = try await diff(history, "main-routes-empty", "la-moved", changes: true)
        #expect(text.stdout == """
            \(try history.label("main-routes-empty")) → \(try history.label("la-moved")): 1 machine to update, 0 to create, 0 to delete, 2 unchanged (5 changes)

            ~ losangeles.example.com (cluster americas, update) [destructive]
                group: usa → Main_Group
                ntp.servers: [ntp-us.example.com] → [time1.example.com, time2.example.com]
                - smtp_routes[example.com]
                - smtp_routes[.example.com]
                dns.servers: [192.0.2.99] → [192.0.2.53, 198.51.100.53]
                ! destructive: smtp_routes: smtp_routes had 2 routes and would be empty (smtp_routes_emptied)

            """)
        let json = try DiffJSON(try await diff(history, "main-routes-empty", "la-moved", format: "json", changes: true).stdout)
        #expect(json.summary == ["create": 0, "update": 1, "delete": 0, "noop": 2, "changes": 5])
        #expect(json.machines == ["buttercup.run noop", "losangeles.example.com update", "newyork.example.com noop"])
        #expect(json.changes == [
            try DiffJSON.change("losangeles.example.com", "group", #""usa""#, #""Main_Group""#),
            try DiffJSON.change("losangeles.example.com", "ntp.servers", #"["ntp-us.example.com"]"#, #"["time1.example.com", "time2.example.com"]"#),
            try DiffJSON.change(
                "losangeles.example.com", "smtp_routes[example.com]",
                #"{"domain": "example.com", "destinations": ["mail-us1.example.com:25", "mail-us2.example.com:25"]}"#, "null"),
            try DiffJSON.change(
                "losangeles.example.com", "smtp_routes[.example.com]",
                #"{"domain": ".example.com", "destinations": ["mail-us1.example.com"]}"#, "null"),
            try DiffJSON.change("losangeles.example.com", "dns.servers", #"["192.0.2.99"]"#, #"["192.0.2.53", "198.51.100.53"]"#),
        ])
    }

    @Test func moveToAnIdenticalGroupIsANoopThatStillShowsTheMove() async throws {
        let history = try DiffHistory.get()
        let text = try await diff(history, "port-2525", "ny-regrouped", changes: false)
        #expect(text.stdout == """
            \(try history.label("port-2525")) → \(try history.label("ny-regrouped")): 0 machines to update, 0 to create, 0 to delete, 3 unchanged (1 change)

            = newyork.example.com (cluster americas, noop)
                group: usa → usa_east

            """)
        let json = try DiffJSON(try await diff(history, "port-2525", "ny-regrouped", format: "json", changes: false).stdout)
        #expect(json.summary == ["create": 0, "update": 0, "delete": 0, "noop": 3, "changes": 1])
        #expect(json.machines == ["losangeles.example.com noop", "newyork.example.com noop", "saopaulo.example.com noop"])
        #expect(json.changes == [try DiffJSON.change("newyork.example.com", "group", #""usa""#, #""usa_east""#)])
    }

    // MARK: (d) machine removed and added

    @Test func machineRemovedAndAdded() async throws {
        let history = try DiffHistory.get()
        let text = try await diff(history, "la-moved", "sp-replaces-bc", changes: true)
        func lines(_ sign: String, hostname: String) -> String {
            Self.features.map { feature in
                let value = feature == "hostname" ? ": \(hostname)" : feature == "timezone" ? ": America/New_York" : ""
                return "    \(sign) \(feature)\(value)\n"
            }.joined()
        }
        #expect(text.stdout == """
            \(try history.label("la-moved")) → \(try history.label("sp-replaces-bc")): 0 machines to update, 1 to create, 1 to delete, 2 unchanged (40 changes)

            - buttercup.run (cluster americas, delete)
            \(lines("-", hostname: "buttercup.run"))
            + saopaulo.example.com (cluster americas, create)
            \(lines("+", hostname: "saopaulo.example.com"))
            """)
        let result = try await diff(history, "la-moved", "sp-replaces-bc", format: "json", changes: true)
        let json = try DiffJSON(result.stdout)
        #expect(json.summary == ["create": 1, "update": 0, "delete": 1, "noop": 2, "changes": 40])
        #expect(json.machines == [
            "buttercup.run delete", "losangeles.example.com noop", "newyork.example.com noop", "saopaulo.example.com create",
        ])
        let object = try jsonObject(result.stdout)
        let machines = try #require(object["machines"] as? [[String: Any]])
        let deleted = try #require(machines[0]["changes"] as? [[String: Any]])
        let created = try #require(machines[3]["changes"] as? [[String: Any]])
        #expect(deleted.compactMap { $0["path"] as? String } == Self.features)
        #expect(created.compactMap { $0["path"] as? String } == Self.features)
        #expect(deleted.allSatisfy { !($0["before"] is NSNull) && $0["after"] is NSNull })
        #expect(created.allSatisfy { $0["before"] is NSNull && !($0["after"] is NSNull) })
        #expect(deleted[1]["before"] as? String == "buttercup.run")
        #expect(created[1]["after"] as? String == "saopaulo.example.com")
        #expect(try canonicalJSON(created[2]["after"]) == (try canonicalJSON(text: #"[{"destination": "default", "gateway": "198.51.100.1"}]"#)))
        #expect(try canonicalJSON(deleted[3]["before"]) == (try canonicalJSON(text: #"[{"feature": "antispam", "key": "BC01-ASPM-7Q2L-0003"}]"#)))

        // GitHub: one notice per changed machine, on its machine file when it still has one.
        let github = try await diff(history, "la-moved", "sp-replaces-bc", format: "github", changes: true)
        let deletedLines = Self.features.map { $0 == "hostname" ? "- hostname: buttercup.run" : $0 == "timezone" ? "- timezone: America/New_York" : "- \($0)" }
        let createdLines = Self.features.map { $0 == "hostname" ? "+ hostname: saopaulo.example.com" : $0 == "timezone" ? "+ timezone: America/New_York" : "+ \($0)" }
        #expect(github.stdout == """
            ::notice title=buttercup.run%3A delete%2C 20 changes::\(deletedLines.joined(separator: "%0A"))
            ::notice file=clusters/americas/machines/saopaulo.example.com.yaml,title=saopaulo.example.com%3A create%2C 20 changes::\(createdLines.joined(separator: "%0A"))

            """)
    }

    // MARK: (e) promotion without effective change

    @Test func footerPromotedToClusterModeIsNoChangeForItsMachine() async throws {
        let history = try DiffHistory.get()
        // Adding the footer at newyork's machine mode was a change for newyork alone.
        let added = try await diff(history, "start", "ny-footer", changes: true)
        #expect(added.stdout == """
            \(try history.label("start")) → \(try history.label("ny-footer")): 1 machine to update, 0 to create, 0 to delete, 2 unchanged (1 change)

            ~ newyork.example.com (cluster americas, update)
                + text_resources[legal]

            """)
        let text = try await diff(history, "sp-replaces-bc", "footer-promoted", changes: true)
        #expect(text.stdout == """
            \(try history.label("sp-replaces-bc")) → \(try history.label("footer-promoted")): 2 machines to update, 0 to create, 0 to delete, 1 unchanged (2 changes)

            ~ losangeles.example.com (cluster americas, update)
                + text_resources[legal]

            ~ saopaulo.example.com (cluster americas, update)
                + text_resources[legal]

            """)
        let json = try await DiffJSON(try diff(history, "sp-replaces-bc", "footer-promoted", format: "json", changes: true).stdout)
        #expect(json.summary == ["create": 0, "update": 2, "delete": 0, "noop": 1, "changes": 2])
        #expect(json.machines == ["losangeles.example.com update", "newyork.example.com noop", "saopaulo.example.com update"])
        let legal = #"{"name": "legal", "type": "footer", "text": "Sent by the New York office."}"#
        #expect(json.changes == [
            try DiffJSON.change("losangeles.example.com", "text_resources[legal]", "null", legal),
            try DiffJSON.change("saopaulo.example.com", "text_resources[legal]", "null", legal),
        ])
        // newyork's text_resources now come from the cluster, with the same value.
        let show = try await history.fixture.strata(["show", "newyork.example.com", "--format", "json", "--repo", history.fixture.path, "--rev", "footer-promoted"])
        #expect(try jsonObject(show.stdout)["provenance"].flatMap { $0 as? [String: String] }?["text_resources"] == "cluster")
    }

    // MARK: (f) port change, in every format

    @Test func portChangeInEveryFormat() async throws {
        let history = try DiffHistory.get()
        let from = try history.label("footer-promoted")
        let to = try history.label("port-2525")
        let text = try await diff(history, "footer-promoted", "port-2525", changes: true)
        #expect(text.stdout == """
            \(from) → \(to): 2 machines to update, 0 to create, 0 to delete, 1 unchanged (2 changes)

            ~ losangeles.example.com (cluster americas, update)
                listeners[IncomingMail].port: 25 → 2525

            ~ saopaulo.example.com (cluster americas, update)
                listeners[IncomingMail].port: 25 → 2525

            """)
        let json = try DiffJSON(try await diff(history, "footer-promoted", "port-2525", format: "json", changes: true).stdout)
        #expect(json.summary == ["create": 0, "update": 2, "delete": 0, "noop": 1, "changes": 2])
        #expect(json.machines == ["losangeles.example.com update", "newyork.example.com noop", "saopaulo.example.com update"])
        #expect(json.changes == [
            try DiffJSON.change("losangeles.example.com", "listeners[IncomingMail].port", "25", "2525"),
            try DiffJSON.change("saopaulo.example.com", "listeners[IncomingMail].port", "25", "2525"),
        ])
        let markdown = try await diff(history, "footer-promoted", "port-2525", format: "markdown", changes: true)
        #expect(markdown.stdout == """
            ### Strata: effective configuration changes

            `\(from)` → `\(to)`: **2 machines to update, 0 to create, 0 to delete, 1 unchanged (2 changes)**

            | machine | cluster | action | changes |
            |---|---|---|---|
            | `losangeles.example.com` | americas | update | 1 |
            | `saopaulo.example.com` | americas | update | 1 |

            <details><summary><code>losangeles.example.com</code> — update, 1 change</summary>

            ```diff
            - listeners[IncomingMail].port: 25\n+ listeners[IncomingMail].port: 2525
            ```

            </details>
            <details><summary><code>saopaulo.example.com</code> — update, 1 change</summary>

            ```diff
            - listeners[IncomingMail].port: 25\n+ listeners[IncomingMail].port: 2525
            ```

            </details>

            """)
        let github = try await diff(history, "footer-promoted", "port-2525", format: "github", changes: true)
        #expect(github.stdout == """
            ::notice file=clusters/americas/machines/losangeles.example.com.yaml,title=losangeles.example.com%3A update%2C 1 change::listeners[IncomingMail].port: 25 → 2525
            ::notice file=clusters/americas/machines/saopaulo.example.com.yaml,title=saopaulo.example.com%3A update%2C 1 change::listeners[IncomingMail].port: 25 → 2525

            """)
    }

    // MARK: (g) no change

    @Test func noEffectiveChange() async throws {
        let history = try DiffHistory.get()
        let from = try history.label("ny-regrouped")
        let to = try history.label("comment-only")
        let text = try await diff(history, "ny-regrouped", "comment-only", changes: false)
        #expect(text.stdout == "\(from) → \(to): 0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)\n")
        let json = try await DiffJSON(try diff(history, "ny-regrouped", "comment-only", format: "json", changes: false).stdout)
        #expect(json.summary == ["create": 0, "update": 0, "delete": 0, "noop": 3, "changes": 0])
        #expect(json.machines == ["losangeles.example.com noop", "newyork.example.com noop", "saopaulo.example.com noop"])
        #expect(json.changes == [])
        let markdown = try await diff(history, "ny-regrouped", "comment-only", format: "markdown", changes: false)
        #expect(markdown.stdout == """
            ### Strata: effective configuration changes

            `\(from)` → `\(to)`: **0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)**

            No machine's effective configuration changes.

            """)
        let github = try await diff(history, "ny-regrouped", "comment-only", format: "github", changes: false)
        #expect(github.stdout == "")
        // A revision against itself, and the clean working tree against HEAD.
        let same = try await diff(history, "HEAD", "HEAD", changes: false)
        let head = try history.label("HEAD")
        #expect(same.stdout == "\(head) → \(head): 0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)\n")
        let workingTree = try await history.diff("HEAD", "--detailed-exitcode")
        #expect(workingTree.status == 0)
        #expect(workingTree.stdout == "\(head) → working tree: 0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)\n")
    }

    // MARK: (h) a side that does not validate

    @Test func invalidSideShowsItsDiagnosticsAndFails() async throws {
        let history = try DiffHistory.get()
        let broken = try history.label("broken")
        let help = "the features are: interfaces, hostname, routes, feature_keys, users, ssh, timezone, ntp, listeners, "
            + "text_resources, ldap, bounce_profiles, smtp_auth_profiles, dictionaries, content_filters, smtp_routes, "
            + "destination_controls, dns, global_unsubscribe, mta, failover, failover_priority"
        let expected = """
            broken:clusters/americas/groups/usa.yaml:2:3: error[E104]: unknown feature 'ntpp'; did you mean 'ntp'?
             2 |   ntpp:
               |   ^
              help: \(help)
            error: the configuration at \(broken) does not validate (1 error); no diff


            """
        for (from, to) in [("secret-rotated", "broken"), ("broken", "secret-rotated")] {
            for flags in [[], ["--detailed-exitcode"]] {
                let text = try await history.diff(from, to, flags.first ?? "--format=text")
                #expect(text.status == 1, "diff \(from) \(to) \(flags)")
                #expect(text.stdout == expected, "diff \(from) \(to) \(flags)")
                #expect(text.stderr == "")
            }
        }
        let json = try await history.diff("secret-rotated", "broken", "--format", "json", "--detailed-exitcode")
        #expect(json.status == 1)
        let object = try jsonObject(json.stdout)
        #expect(object["valid"] as? Bool == false)
        let invalid = try #require(object["invalid"] as? [[String: Any]])
        #expect(invalid.count == 1)
        #expect(invalid[0]["side"] as? [String: String] == ["name": "broken", "commit": try history.fixture.revParse("broken")])
        #expect(invalid[0]["errors"] as? Int == 1)
        let diagnostic = try #require((invalid[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["code"] as? String == "E104")
        #expect(diagnostic["file"] as? String == "clusters/americas/groups/usa.yaml")
        #expect(diagnostic["line"] as? Int == 2)
        #expect(diagnostic["column"] as? Int == 3)

        let markdown = try await history.diff("secret-rotated", "broken", "--format", "markdown")
        #expect(markdown.status == 1)
        #expect(markdown.stdout == """
            ### Strata: the configuration does not validate

            `\(broken)`:

            - **error[E104]** `clusters/americas/groups/usa.yaml:2:3`: unknown feature 'ntpp'; did you mean 'ntp'?
              - help: \(help.replacingOccurrences(of: "_", with: "\\_"))


            """)
        let github = try await history.diff("secret-rotated", "broken", "--format", "github")
        #expect(github.status == 1)
        #expect(github.stdout == "::error title=strata diff::the configuration at \(broken) does not validate; no diff\n"
            + "::error file=clusters/americas/groups/usa.yaml,line=2,col=3,title=E104 unknown feature::unknown feature 'ntpp'; did you mean 'ntp'?%0Ahelp: \(help)\n")

        // The working tree as the broken side: checked out in a worktree of the branch.
        let checkout = try history.fixture.worktree(at: "broken")
        let workingTree = try await history.fixture.strata(["diff", "secret-rotated", "--repo", checkout.path, "--detailed-exitcode"])
        #expect(workingTree.status == 1)
        #expect(workingTree.stdout == """
            clusters/americas/groups/usa.yaml:2:3: error[E104]: unknown feature 'ntpp'; did you mean 'ntp'?
             2 |   ntpp:
               |   ^
              help: \(help)
            error: the configuration at working tree does not validate (1 error); no diff


            """)
    }

    // MARK: (i) secrets

    @Test func secretReferenceChangeIsSensitiveInTextMarkdownAndGithub() async throws {
        let history = try DiffHistory.get()
        let secrets = ["AMERICAS_LDAP_PASSWORD": "hunter2", "AMERICAS_LDAP_PASSWORD_ROTATED": "swordfish"]
        let from = try history.label("comment-only")
        let to = try history.label("secret-rotated")
        let machines = ["losangeles.example.com", "newyork.example.com", "saopaulo.example.com"]
        let line = "ldap.servers[corp].bind_password: (sensitive) → (sensitive)"

        let text = try await history.diff("comment-only", "secret-rotated", environment: secrets)
        #expect(text.status == 0)
        #expect(text.stdout == "\(from) → \(to): 3 machines to update, 0 to create, 0 to delete, 0 unchanged (3 changes)\n"
            + machines.map { "\n~ \($0) (cluster americas, update)\n    \(line)\n" }.joined())
        let markdown = try await history.diff("comment-only", "secret-rotated", "--format", "markdown", environment: secrets)
        #expect(markdown.stdout == """
            ### Strata: effective configuration changes

            `\(from)` → `\(to)`: **3 machines to update, 0 to create, 0 to delete, 0 unchanged (3 changes)**

            | machine | cluster | action | changes |
            |---|---|---|---|
            | `losangeles.example.com` | americas | update | 1 |
            | `newyork.example.com` | americas | update | 1 |
            | `saopaulo.example.com` | americas | update | 1 |

            """ + "\n" + machines.map {
                "<details><summary><code>\($0)</code> — update, 1 change</summary>\n\n```diff\n"
                    + "- ldap.servers[corp].bind_password: (sensitive)\n+ ldap.servers[corp].bind_password: (sensitive)\n```\n\n</details>\n"
            }.joined())
        let github = try await history.diff("comment-only", "secret-rotated", "--format", "github", environment: secrets)
        #expect(github.stdout == machines.map {
            "::notice file=clusters/americas/machines/\($0).yaml,title=\($0)%3A update%2C 1 change::\(line)\n"
        }.joined())
        for output in [text.stdout, markdown.stdout, github.stdout] {
            #expect(!output.contains("AMERICAS_LDAP_PASSWORD"))
            #expect(!output.contains("hunter2"))
            #expect(!output.contains("swordfish"))
        }
        // JSON carries the references (never the values), as every output contract does.
        let json = try await history.diff("comment-only", "secret-rotated", "--format", "json", "--detailed-exitcode", environment: secrets)
        #expect(json.status == 2)
        #expect(try DiffJSON(json.stdout).changes == machines.map {
            "\($0) ldap.servers[corp].bind_password: {\"secret\":\"env:AMERICAS_LDAP_PASSWORD\"} -> {\"secret\":\"env:AMERICAS_LDAP_PASSWORD_ROTATED\"}"
        })
        #expect(!json.stdout.contains("hunter2"))
        #expect(!json.stdout.contains("swordfish"))

        // REV2 defaults to the working tree (HEAD = secret-rotated, clean).
        let toWorkingTree = try await history.diff("HEAD~1", "--detailed-exitcode", environment: secrets)
        #expect(toWorkingTree.status == 2)
        #expect(toWorkingTree.stdout == "\(try history.label("HEAD~1")) → working tree: 3 machines to update, 0 to create, 0 to delete, 0 unchanged (3 changes)\n"
            + machines.map { "\n~ \($0) (cluster americas, update)\n    \(line)\n" }.joined())
        let jsonToWorkingTree = try DiffJSON(try await history.diff("HEAD~1", "--format", "json", environment: secrets).stdout)
        #expect(jsonToWorkingTree.after == ["name": "working tree", "commit": String?.none])
        #expect(jsonToWorkingTree.before == ["name": "HEAD~1", "commit": try history.fixture.revParse("comment-only")])
    }

    // MARK: Large Markdown

    @Test func largeMarkdownStaysUnderTheLimitAndSaysWhatItLeftOut() async throws {
        let fixture = try GitFixture(copying: nil)
        func cluster(_ destination: String) -> String {
            "settings:\n  smtp_routes:\n" + (1...500).map { number in
                let padded = String(repeating: "0", count: 3 - String(number).count) + String(number)
                return "    - domain: d\(padded).example.com\n      destinations: [\(destination)]\n"
            }.joined()
        }
        try fixture.write("clusters/c1/cluster.yaml", cluster("mx1.example.net"))
        try fixture.write("clusters/c1/groups/main.yaml", "settings: {}\n")
        for index in 1...6 { try fixture.write("clusters/c1/machines/m\(index).example.com.yaml", "group: main\nsettings: {}\n") }
        try fixture.commitAll("500 routes")
        try fixture.write("clusters/c1/cluster.yaml", cluster("mx2.example.net"))
        try fixture.commitAll("Every route through mx2")

        let markdown = try await fixture.strata(["diff", "HEAD~1", "HEAD", "--format", "markdown", "--repo", fixture.path])
        #expect(markdown.status == 0)
        let out = markdown.stdout
        #expect(out.count < 60_000)
        #expect(out.utf8.count < 60_000)
        let labels = "`HEAD~1 (\(try fixture.shortId("HEAD~1")))` → `HEAD (\(try fixture.shortId("HEAD")))`"
        #expect(out.hasPrefix("""
            ### Strata: effective configuration changes

            \(labels): **6 machines to update, 0 to create, 0 to delete, 0 unchanged (3000 changes)**

            | machine | cluster | action | changes |
            |---|---|---|---|
            | `m1.example.com` | c1 | update | 500 |
            | `m2.example.com` | c1 | update | 500 |
            | `m3.example.com` | c1 | update | 500 |
            | `m4.example.com` | c1 | update | 500 |
            | `m5.example.com` | c1 | update | 500 |
            | `m6.example.com` | c1 | update | 500 |

            <details><summary><code>m1.example.com</code> — update, 500 changes</summary>

            ```diff
            ! smtp_routes[d001.example.com].destinations: [mx1.example.net] → [mx2.example.net]

            """))
        #expect(out.components(separatedBy: "<details>").count - 1 == 1)
        #expect(out.contains("! smtp_routes[d500.example.com].destinations: [mx1.example.net] → [mx2.example.net]\n```\n\n</details>\n"))
        #expect(out.hasSuffix("""
            </details>

            > **Left out:** the details of 5 machines (2500 changes) would make this comment longer than 60000 characters. \
            Run `strata diff` locally or read the JSON output for everything.

            """))
        let json = try await fixture.strata(["diff", "HEAD~1", "HEAD", "--format", "json", "--repo", fixture.path, "--detailed-exitcode"])
        #expect(json.status == 2)
        let parsed = try DiffJSON(json.stdout)
        #expect(parsed.summary == ["create": 0, "update": 6, "delete": 0, "noop": 0, "changes": 3000])
        #expect(parsed.changes.count == 3000)
        #expect(parsed.changes.last == (try DiffJSON.change(
            "m6.example.com", "smtp_routes[d500.example.com].destinations", #"["mx1.example.net"]"#, #"["mx2.example.net"]"#)))
    }

    // MARK: A configuration below the top of the git repository

    @Test func configurationInASubdirectoryOfTheGitRepository() async throws {
        let fixture = try GitFixture(prefix: "ops")
        try fixture.write("README.md", "The ops repository.\n")
        try fixture.commitAll("Add the americas cluster under ops/")
        try fixture.git("tag", "v1")
        try fixture.replace("ops/clusters/americas/cluster.yaml", "interface: Data1\n      port: 25\n", with: "interface: Data1\n      port: 2525\n")
        try fixture.commitAll("IncomingMail on 2525")
        let ops = fixture.url("ops").path
        let github = try await fixture.strata(["diff", "v1", "HEAD", "--format", "github", "--repo", ops])
        #expect(github.status == 0)
        #expect(github.stdout == """
            ::notice file=ops/clusters/americas/machines/buttercup.run.yaml,title=buttercup.run%3A update%2C 1 change::listeners[IncomingMail].port: 25 → 2525
            ::notice file=ops/clusters/americas/machines/losangeles.example.com.yaml,title=losangeles.example.com%3A update%2C 1 change::listeners[IncomingMail].port: 25 → 2525

            """)
        // From the git top, --repo ops and a directory inside ops read the same revision.
        let atTag = try await fixture.strata(["show", "--all", "--format", "json", "--repo", ops, "--rev", "v1"])
        let fromGroups = try await fixture.strata(["show", "--all", "--format", "json", "--repo", fixture.url("ops/clusters/americas/groups").path, "--rev", "v1"])
        #expect(atTag.status == 0)
        #expect(fromGroups.stdout == atTag.stdout)
        let checkout = try fixture.worktree(at: "v1")
        let inCheckout = try await fixture.strata(["show", "--all", "--format", "json", "--repo", checkout.appendingPathComponent("ops").path])
        #expect(inCheckout.stdout == atTag.stdout)
    }
}
