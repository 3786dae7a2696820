import Testing
import StrataModel
import StrataPlan

/// The guard's rules where a name, a route or a prefix changes but the mail's fate is what counts: a route removed
/// under a `default` to `/dev/null`, a listener renamed with its HAT dropped, an interface renamed or its prefix
/// length changed with its IP kept.
@Suite struct DestructiveRulesRenameTests {
    static let routes = "  smtp_routes:\n    - {domain: example.com, destinations: [\"mail1.example.com:25\"]}\n"
        + "    - {domain: .example.com, destinations: [mail1.example.com]}\n"

    /// The base repository with `routes` (plus `extra` routes) in group usa.
    static func base(_ extra: String) -> [String: String] {
        var files = Fixture.files
        files["\(Fixture.directory)/groups/usa.yaml"] = Fixture.usa + routes + extra
        return files
    }

    @Test func aRouteRemovedUnderADefaultToDevNullIsDestructive() throws {
        let blackhole = "    - {domain: default, destinations: [/dev/null]}\n"
        let removed = Fixture.usa + "  smtp_routes:\n    - {domain: .example.com, destinations: [mail1.example.com]}\n" + blackhole
        #expect(try DestructiveRulesTests.findings(["groups/usa.yaml": removed], base: Self.base(blackhole)) == [DestructiveChange(
            kind: .domainToDevNull, path: "smtp_routes[example.com]",
            reason: "mail for example.com was delivered to mail1.example.com:25 and without its route would fall to the default route and be discarded (/dev/null)")])
        // Case does not matter: EXAMPLE.COM's route was example.com's.
        let upper = Self.base(blackhole).mapValues { $0.replacingOccurrences(of: "domain: example.com", with: "domain: EXAMPLE.COM") }
        #expect(try DestructiveRulesTests.findings(["groups/usa.yaml": removed], base: upper).map(\.path) == ["smtp_routes[EXAMPLE.COM]"])
    }

    @Test func aRouteRemovedTogetherWithANewDefaultToDevNull() throws {
        let removed = Fixture.usa + "  smtp_routes:\n    - {domain: .example.com, destinations: [mail1.example.com]}\n"
            + "    - {domain: default, destinations: [/dev/null]}\n"
        #expect(try DestructiveRulesTests.findings(["groups/usa.yaml": removed], base: Self.base("")).map(\.path)
            == ["smtp_routes[default].destinations", "smtp_routes[example.com]"])
    }

    @Test func aDomainOnceDeliveredByTheDefaultRouteAndNowBlackholedOnPurposeIsNot() throws {
        let relay = "    - {domain: default, destinations: [relay.example.net]}\n"
        let blackholed = Fixture.usa + Self.routes + relay + "    - {domain: spam.example, destinations: [/dev/null]}\n"
        #expect(try DestructiveRulesTests.findings(["groups/usa.yaml": blackholed], base: Self.base(relay)).isEmpty)
        // The default route itself to /dev/null is destructive, said with where it delivered.
        let nulled = Fixture.usa + Self.routes + "    - {domain: default, destinations: [/dev/null]}\n"
        #expect(try DestructiveRulesTests.findings(["groups/usa.yaml": nulled], base: Self.base(relay)).map(\.reason) == [
            "mail for default (every domain without a route of its own) was delivered to relay.example.net and would be discarded (/dev/null)",
        ])
    }

    @Test func aListenerRenamedWithItsHATDroppedIsDestructive() throws {
        let renamed = Fixture.cluster.replacingOccurrences(of: "name: OutgoingMail", with: "name: Outbound")
            .replacingOccurrences(of: DestructiveRulesTests.hat, with: "")
        #expect(renamed != Fixture.cluster)
        #expect(try DestructiveRulesTests.findings(["cluster.yaml": renamed]) == [DestructiveChange(
            kind: .hatEmptied, path: "listeners[Outbound].hat",
            reason: "the host access table of listener Outbound (was OutgoingMail) had 2 rows and would be empty")])
        let kept = Fixture.cluster.replacingOccurrences(of: "name: OutgoingMail", with: "name: Outbound")
        #expect(try DestructiveRulesTests.findings(["cluster.yaml": kept]).isEmpty)
    }

    @Test func anInterfaceRenamedWithItsAddressIsNotRemoved() throws {
        // Every machine renames Data1 to Uplink, and the listener binds the new name.
        var renamed: [String: String?] = ["cluster.yaml": Fixture.cluster.replacingOccurrences(of: "interface: Data1", with: "interface: Uplink")]
        for (name, group, octet) in [("buttercup.run", "Main_Group", 30), ("losangeles.example.com", "usa", 20), ("newyork.example.com", "usa", 10)] {
            renamed["machines/\(name).yaml"] = Fixture.machine(group: group, octet: octet).replacingOccurrences(of: "name: Data1", with: "name: Uplink")
        }
        #expect(try Fixture.diff(renamed).machines.allSatisfy { $0.action == .update && $0.destructive.isEmpty })
        // With another IP, the listener's address is gone.
        renamed["machines/newyork.example.com.yaml"] = Fixture.machine(group: "usa", octet: 10)
            .replacingOccurrences(of: "name: Data1", with: "name: Uplink").replacingOccurrences(of: "198.51.100.10/24", with: "198.51.100.12/24")
        #expect(try DestructiveRulesTests.findings(renamed).map(\.kind) == [.boundInterfaceRemoved])
    }

    @Test func aPrefixLengthChangedAloneIsNotAnAddressChange() throws {
        let machine = Fixture.machine(group: "usa", octet: 10).replacingOccurrences(of: "198.51.100.10/24", with: "198.51.100.10/25")
        let diff = try #require(try Fixture.diff(["machines/newyork.example.com.yaml": machine])["newyork.example.com"])
        #expect(diff.action == .update && diff.destructive.isEmpty)
    }
}
