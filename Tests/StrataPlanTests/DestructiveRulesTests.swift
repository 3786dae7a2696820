import Testing
import StrataModel
import StrataPlan

/// The destructive-change guard's rules on effective configurations compiled from YAML (Fixture: IncomingMail on
/// Data1, OutgoingMail on Data2 with a two-row HAT, two SMTP routes).
@Suite struct DestructiveRulesTests {
    /// The findings of one machine between the base repository and a variant.
    static func findings(_ changes: [String: String?], machine: String = "newyork.example.com", base: [String: String] = Fixture.files)
        throws -> [DestructiveChange] {
        try #require(try Fixture.diff(changes, base: base)[machine]).destructive
    }

    static let hat = "      hat:\n        - {match: \"10.0.0.0/8\", policy: relay}\n        - {match: ALL, policy: reject}\n"

    @Test func noListenerLeft() throws {
        let found = try Self.findings(["groups/usa.yaml": Fixture.usa + "  listeners: []\n"])
        #expect(found == [DestructiveChange(
            kind: .noListener, path: "listeners",
            reason: "the machine accepted mail on 2 listeners (IncomingMail, OutgoingMail) and would have none")])
        #expect(try Self.findings(["groups/usa.yaml": Fixture.usa + "  listeners: []\n"], machine: "buttercup.run").isEmpty)
    }

    @Test func removingOneOfTwoListenersIsNotDestructive() throws {
        let one = Fixture.usa + "  listeners:\n    - {name: IncomingMail, interface: Data1, footer: disclaimer}\n"
        #expect(try Self.findings(["groups/usa.yaml": one]).isEmpty)
    }

    @Test func aBoundInterfaceRemovedWithItsListener() throws {
        // OutgoingMail and its interface Data2 go away together: mail that came in on Data2 stops.
        let one = Fixture.usa + "  listeners:\n    - {name: IncomingMail, interface: Data1, footer: disclaimer}\n"
        let machine = "group: usa\nsettings:\n  interfaces:\n    - name: Data1\n      address: 198.51.100.10/24\n"
        let found = try Self.findings(["groups/usa.yaml": one, "machines/newyork.example.com.yaml": machine])
        #expect(found == [DestructiveChange(
            kind: .boundInterfaceRemoved, path: "interfaces[Data2]", reason: "interface Data2 is removed, and listener OutgoingMail bound it")])
    }

    @Test func aBoundAddressChanged() throws {
        let machine = Fixture.machine(group: "usa", octet: 10).replacingOccurrences(of: "198.51.100.10/24", with: "198.51.100.11/24")
        let found = try Self.findings(["machines/newyork.example.com.yaml": machine])
        #expect(found == [DestructiveChange(
            kind: .boundAddressChanged, path: "interfaces[Data1].address",
            reason: "the address of interface Data1 changes from 198.51.100.10/24 to 198.51.100.11/24, and listener IncomingMail bound it")])
    }

    @Test func anUnboundInterfaceMayChangeAndInterfacesMayBeAdded() throws {
        let extra = "    - name: Data3\n      address: 192.0.2.10/24\n"
        var base = Fixture.files
        base["\(Fixture.directory)/machines/newyork.example.com.yaml"] = Fixture.machine(group: "usa", octet: 10) + extra
        let moved = Fixture.machine(group: "usa", octet: 10) + extra.replacingOccurrences(of: "192.0.2.10", with: "192.0.2.11")
        #expect(try Self.findings(["machines/newyork.example.com.yaml": moved], base: base).isEmpty)
        #expect(try Self.findings(["machines/newyork.example.com.yaml": Fixture.machine(group: "usa", octet: 10) + extra]).isEmpty)
    }

    @Test func hatEmptied() throws {
        let cluster = Fixture.cluster.replacingOccurrences(of: Self.hat, with: "      hat: []\n")
        #expect(cluster != Fixture.cluster)
        #expect(try Self.findings(["cluster.yaml": cluster]) == [DestructiveChange(
            kind: .hatEmptied, path: "listeners[OutgoingMail].hat",
            reason: "the host access table of listener OutgoingMail had 2 rows and would be empty")])
    }

    @Test func hatShrunkOrReorderedIsNotDestructive() throws {
        let shrunk = Fixture.cluster.replacingOccurrences(of: "        - {match: \"10.0.0.0/8\", policy: relay}\n", with: "")
        let reordered = Fixture.cluster.replacingOccurrences(
            of: Self.hat, with: "      hat:\n        - {match: ALL, policy: reject}\n        - {match: \"10.0.0.0/8\", policy: relay}\n")
        #expect(shrunk != Fixture.cluster && reordered != Fixture.cluster)
        #expect(try Fixture.diff(["cluster.yaml": shrunk]).machines.allSatisfy { $0.destructive.isEmpty && $0.action == .update })
        #expect(try Fixture.diff(["cluster.yaml": reordered]).machines.allSatisfy { $0.destructive.isEmpty && $0.action == .update })
    }

    @Test func ratEmptied() throws {
        var base = Fixture.files
        let withRAT = Fixture.cluster.replacingOccurrences(
            of: "      footer: disclaimer\n", with: "      footer: disclaimer\n      rat:\n        - {recipient: example.com, action: accept}\n")
        base["\(Fixture.directory)/cluster.yaml"] = withRAT
        let emptied = withRAT.replacingOccurrences(of: "      rat:\n        - {recipient: example.com, action: accept}\n", with: "      rat: []\n")
        #expect(try Self.findings(["cluster.yaml": emptied], base: base) == [DestructiveChange(
            kind: .ratEmptied, path: "listeners[IncomingMail].rat",
            reason: "the recipient access table of listener IncomingMail had 1 row and would be empty")])
    }

    @Test func smtpRoutesEmptiedButShrinkingAndReorderingAreNot() throws {
        #expect(try Self.findings(["groups/usa.yaml": Fixture.usa + "  smtp_routes: []\n"]) == [DestructiveChange(
            kind: .smtpRoutesEmptied, path: "smtp_routes", reason: "smtp_routes had 2 routes and would be empty")])
        let shrunk = Fixture.usa + "  smtp_routes:\n    - {domain: example.com, destinations: [\"mail1.example.com:25\"]}\n"
        #expect(try Self.findings(["groups/usa.yaml": shrunk]).isEmpty)
        let reordered = Fixture.usa + "  smtp_routes:\n    - {domain: .example.com, destinations: [mail1.example.com]}\n"
            + "    - {domain: example.com, destinations: [\"mail1.example.com:25\"]}\n"
        let diff = try #require(try Fixture.diff(["groups/usa.yaml": reordered])["newyork.example.com"])
        #expect(diff.action == .update && diff.destructive.isEmpty)
    }

    @Test func aDeliveredDomainRoutedToDevNull() throws {
        let cluster = Fixture.cluster.replacingOccurrences(of: "[\"mail1.example.com:25\"]", with: "[\"/dev/null\"]")
        #expect(try Self.findings(["cluster.yaml": cluster]) == [DestructiveChange(
            kind: .domainToDevNull, path: "smtp_routes[example.com].destinations",
            reason: "mail for example.com was delivered to mail1.example.com:25 and would be discarded (/dev/null)")])
    }

    @Test func aNewDefaultRouteToDevNullAndACaseChangeAreDestructive() throws {
        let blackhole = Fixture.usa + "  smtp_routes:\n    - {domain: example.com, destinations: [\"mail1.example.com:25\"]}\n"
            + "    - {domain: .example.com, destinations: [mail1.example.com]}\n    - {domain: default, destinations: [/dev/null]}\n"
        #expect(try Self.findings(["groups/usa.yaml": blackhole]) == [DestructiveChange(
            kind: .domainToDevNull, path: "smtp_routes[default].destinations",
            reason: "mail for default (every domain without a route of its own) was delivered to its MX and would be discarded (/dev/null)")])
        let upper = Fixture.cluster.replacingOccurrences(of: "domain: example.com\n", with: "domain: EXAMPLE.com\n")
            .replacingOccurrences(of: "[\"mail1.example.com:25\"]", with: "[\"/dev/null\"]")
        #expect(try Self.findings(["cluster.yaml": upper]).map(\.path) == ["smtp_routes[EXAMPLE.com].destinations"])
    }

    @Test func aNewDomainToDevNullAndOneAlreadyThereAreNotDestructive() throws {
        let added = Fixture.usa + "  smtp_routes:\n    - {domain: example.com, destinations: [\"mail1.example.com:25\"]}\n"
            + "    - {domain: .example.com, destinations: [mail1.example.com]}\n    - {domain: spam.example, destinations: [/dev/null]}\n"
        #expect(try Self.findings(["groups/usa.yaml": added]).isEmpty)
        var base = Fixture.files
        base["\(Fixture.directory)/groups/usa.yaml"] = added
        let moreNull = added.replacingOccurrences(of: "[/dev/null]", with: "[/dev/null, /dev/null]")
        #expect(try Self.findings(["groups/usa.yaml": moreNull], base: base).isEmpty)
    }

    @Test func createdAndDeletedMachinesAreNeverDestructive() throws {
        let diff = try Fixture.diff(["machines/newyork.example.com.yaml": nil, "machines/boston.example.com.yaml": Fixture.machine(group: "usa", octet: 40)])
        #expect(diff["boston.example.com"]?.action == .create)
        #expect(diff["newyork.example.com"]?.action == .delete)
        #expect(diff.destructiveMachines.isEmpty)
    }

    @Test func theJSONCarriesFindingsOnlyWhenThereAreSome() throws {
        let diff = try Fixture.diff(["groups/usa.yaml": Fixture.usa + "  smtp_routes: []\n"])
        #expect(diff["buttercup.run"]?.json["destructive"] == nil)
        #expect(diff["newyork.example.com"]?.json["destructive"] == .array([.object([
            ("kind", .string("smtp_routes_emptied")), ("path", .string("smtp_routes")),
            ("reason", .string("smtp_routes had 2 routes and would be empty")),
        ])]))
        let finding = DestructiveChange(kind: .hatEmptied, path: "listeners[A].hat", reason: "r")
        #expect(DestructiveChange(json: finding.json) == finding)
        #expect(DestructiveChange(json: .object([("kind", .string("no_such_kind")), ("path", .string("x")), ("reason", .string("r"))])) == nil)
    }
}
