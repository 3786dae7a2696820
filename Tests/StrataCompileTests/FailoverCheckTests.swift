import Testing
import StrataModel

/// One test per failover rule: exact code, file, line, column and message (E301 for the references, E501-E510, W520, W521).
@Suite("Failover checks")
struct FailoverCheckTests {
    typealias F = FailoverFixture
    static let groupFile = "clusters/c1/groups/main.yaml"

    @Test func thePairIsValid() throws {
        #expect(try F.findings(F.files()) == [])
    }

    @Test func aClusterModeFailoverInAOneGroupClusterIsValid() throws {
        let cluster = F.cluster + F.group().replacingOccurrences(of: "settings:\n", with: "")
        #expect(try F.findings(F.files(cluster: cluster, group: "settings: {}\n")) == [])
    }

    @Test func theInterfaceAndTheMonitoredListenerMustResolveOnEveryMachine() throws {
        let group = F.group(interface: "Data2").replacingOccurrences(of: "{listener: In}", with: "{listener: Incoming}")
        let machines = [
            "m1.example.com": F.machine(octet: 11, priority: 150, extra: "    - {name: Data2, address: 192.0.2.111/24}\n"),
            "m2.example.com": F.machine(octet: 12, priority: 100),
        ]
        let result = try F.compile(F.files(group: group, machines: machines))
        let lines = result.diagnostics.sorted.map { "\($0.code.rawValue) \($0.location) \($0.message) | \($0.help ?? "")" }
        #expect(lines == [
            "E301 \(Self.groupFile):4:16 failover refers to interface 'Data2', which machine m2.example.com does not resolve | add interface 'Data2' to clusters/c1/machines/m2.example.com.yaml",
            "E301 \(Self.groupFile):7:25 failover refers to listener 'Incoming', which machines m1.example.com and m2.example.com do not resolve | correct 'listener', or define listeners 'Incoming' in \(Self.groupFile)",
        ])
    }

    @Test func e501VirtualAddressOutsideTheInterfaceSubnet() throws {
        #expect(try F.findings(F.files(group: F.group(addresses: "[\"198.51.100.100/24\"]"))) == [
            "E501 \(Self.groupFile):5:17 virtual address '198.51.100.100/24' is outside the subnet of interface 'Data1' on machines m1.example.com (192.0.2.11/24) and m2.example.com (192.0.2.12/24)",
        ])
    }

    @Test func e501OnlyWhereTheMachineSubnetDiffers() throws {
        let machines = ["m1.example.com": F.machine(octet: 11, priority: 150), "m2.example.com": F.machine(octet: 12, priority: 100)]
            .mapValues { $0.replacingOccurrences(of: "192.0.2.12/24", with: "192.0.2.12/28") }
        #expect(try F.findings(F.files(machines: machines)) == [
            "E501 \(Self.groupFile):5:17 virtual address '192.0.2.100/24' is outside the subnet of interface 'Data1' on machine m2.example.com (192.0.2.12/28)",
        ])
    }

    @Test func e501ComparesIPv6PrefixesBitByBit() throws {
        let machines = [
            "m1.example.com": F.machine(octet: 11, priority: 150).replacingOccurrences(of: "192.0.2.11/24", with: "2001:DB8:0:0::11/62"),
            "m2.example.com": F.machine(octet: 12, priority: 100).replacingOccurrences(of: "192.0.2.12/24", with: "2001:db8::12/64"),
        ]
        // 2001:db8:3::/64 is inside m1's /62 (2001:db8:0-3::) but outside m2's /64.
        let group = F.group(addresses: "[\"2001:db8:0:3::100/64\", \"2001:db8::100/64\"]")
        #expect(try F.findings(F.files(group: group, machines: machines)) == [
            "E501 \(Self.groupFile):5:17 virtual address '2001:db8:0:3::100/64' is outside the subnet of interface 'Data1' on machine m2.example.com (2001:db8::12/64)",
        ])
    }

    @Test func e502MachineWithoutPriority() throws {
        let machines = ["m1.example.com": F.machine(octet: 11, priority: 150), "m2.example.com": F.machine(octet: 12, priority: nil)]
        let result = try F.compile(F.files(machines: machines))
        let diagnostic = try #require(result.diagnostics.sorted.first)
        #expect(result.diagnostics.sorted.count == 1)
        #expect(diagnostic.code == .missingFailoverPriority)
        #expect(diagnostic.location == SourceLocation(file: "clusters/c1/machines/m2.example.com.yaml", line: 1, column: 8))
        #expect(diagnostic.message == "machine m2.example.com has failover (from group:main mode) but no failover_priority")
        #expect(diagnostic.notes == [DiagnosticNote("failover is configured here", at: SourceLocation(file: Self.groupFile, line: 2, column: 3))])
    }

    @Test func e503PriorityTwiceInAGroup() throws {
        let machines = ["m1.example.com": F.machine(octet: 11, priority: 150), "m2.example.com": F.machine(octet: 12, priority: 150)]
        #expect(try F.findings(F.files(machines: machines)) == [
            "E503 clusters/c1/machines/m2.example.com.yaml:5:22 failover_priority 150 is used by machines m1.example.com and m2.example.com, which share the failover of group:main mode",
        ])
    }

    /// A second group, `other`, with m3 and m4.
    func twoGroups(other: String) -> [String: String] {
        var files = F.files()
        files["clusters/c1/groups/other.yaml"] = other
        files["clusters/c1/machines/m3.example.com.yaml"] = F.machine(octet: 13, priority: 150, group: "other")
        files["clusters/c1/machines/m4.example.com.yaml"] = F.machine(octet: 14, priority: 100, group: "other")
        return files
    }

    @Test func e504RouterIDTwiceInTheCluster() throws {
        #expect(try F.findings(twoGroups(other: F.group(addresses: "[\"192.0.2.101/24\"]"))) == [
            "E504 clusters/c1/groups/other.yaml:3:16 virtual router id 51 is used in group:main mode and in group:other mode",
        ])
    }

    @Test func e505VirtualAddressOfAnInterface() throws {
        #expect(try F.findings(F.files(group: F.group(addresses: "[\"192.0.2.12/24\"]"))) == [
            "E505 \(Self.groupFile):5:17 virtual address '192.0.2.12' is the address of interface 'Data1' on machine m2.example.com",
        ])
    }

    @Test func e506VirtualAddressOfTwoGroups() throws {
        #expect(try F.findings(twoGroups(other: F.group(routerID: 52))) == [
            "E506 clusters/c1/groups/other.yaml:5:17 virtual address '192.0.2.100' is used in group:main mode and in group:other mode",
        ])
    }

    @Test func e506VirtualAddressListedTwice() throws {
        #expect(try F.findings(F.files(group: F.group(addresses: "[\"192.0.2.100/24\", \"192.0.2.100/25\"]"))) == [
            "E506 \(Self.groupFile):5:35 virtual address '192.0.2.100' is listed twice in group:main mode",
        ])
    }

    @Test func e507ClusterModeFailoverWithSeveralGroups() throws {
        var files = F.files(cluster: F.cluster + F.group().replacingOccurrences(of: "settings:\n", with: ""), group: "settings: {}\n")
        files["clusters/c1/groups/other.yaml"] = "settings: {}\n"
        let result = try F.compile(files)
        #expect(result.diagnostics.sorted.map { "\($0.code.rawValue) \($0.location) \($0.message) | \($0.help ?? "")" } == [
            "E507 clusters/c1/cluster.yaml:4:3 failover is configured in cluster mode, but cluster 'c1' has 2 groups (main and other) | move failover to the file of each group that fails over (e.g. \(Self.groupFile)); cluster mode is for a cluster of one group",
        ])
    }

    @Test func e508MixedAddressFamilies() throws {
        #expect(try F.findings(F.files(group: F.group(addresses: "[\"192.0.2.100/24\", \"2001:db8::100/64\"]"))) == [
            "E508 \(Self.groupFile):5:35 failover in group:main mode mixes IPv4 and IPv6 virtual addresses",
            "E501 \(Self.groupFile):5:35 virtual address '2001:db8::100/64' is outside the subnet of interface 'Data1' on machines m1.example.com (192.0.2.11/24) and m2.example.com (192.0.2.12/24)",
        ])
    }

    @Test func e509IntervalsOutOfRange() throws {
        let group = F.group(extra: "    advert_interval: 0s\n").replacingOccurrences(of: "{listener: In}", with: "{listener: In, interval: 2h}")
        #expect(try F.findings(F.files(group: group)) == [
            "E509 \(Self.groupFile):7:39 failover.monitor.interval is 2h in group:main mode, outside 1s...1h",
            "E509 \(Self.groupFile):8:22 failover.advert_interval is 0s in group:main mode, outside 1s...255s",
        ])
    }

    @Test func e510PeersWrittenByHand() throws {
        // The failover is invalid, so the priorities are not also reported as leftovers (W520).
        #expect(try F.findings(F.files(group: F.group(extra: "    peers: []\n"))) == [
            "E510 \(Self.groupFile):8:5 'failover.peers' is filled in by the compiler and cannot be written in a file",
        ])
    }

    @Test func w520PriorityWithoutFailover() throws {
        let result = try F.compile(F.files(group: "settings: {}\n"))
        #expect(result.diagnostics.sorted.map { "\($0.code.rawValue) \($0.location) \($0.message)" } == [
            "W520 clusters/c1/machines/m1.example.com.yaml:5:22 machine m1.example.com sets failover_priority, but its group 'main' has no failover",
            "W520 clusters/c1/machines/m2.example.com.yaml:5:22 machine m2.example.com sets failover_priority, but its group 'main' has no failover",
        ])
        #expect(!result.diagnostics.hasErrors)
    }

    @Test func w521FailoverGroupWithOneMachine() throws {
        let result = try F.compile(F.files(machines: ["m1.example.com": F.machine(octet: 11, priority: 150)]))
        #expect(result.diagnostics.sorted.map { "\($0.code.rawValue) \($0.location) \($0.message)" } == [
            "W521 \(Self.groupFile):2:3 group 'main' has failover but only one machine, m1.example.com",
        ])
        #expect(!result.diagnostics.hasErrors)
    }

    @Test func failoverIsGroupOrClusterModeAndPriorityMachineModeInRange() throws {
        let machines = [
            "m1.example.com": F.machine(octet: 11, priority: 255),
            "m2.example.com": F.machine(octet: 12, priority: 100, extra: "  failover: {router_id: 1, interface: Data1, addresses: [\"192.0.2.9/24\"], secret: {env: S}}\n"),
        ]
        let codes = try F.compile(F.files(machines: machines)).diagnostics.sorted.map { "\($0.code.rawValue) \($0.location.file):\($0.location.line)" }
        #expect(codes == [
            "E106 clusters/c1/machines/m1.example.com.yaml:5",
            "E201 clusters/c1/machines/m2.example.com.yaml:5",
        ])
    }

    @Test func theSecretIsEnvOrFileOnly() throws {
        let group = F.group().replacingOccurrences(of: "{env: VRRP_SECRET}", with: "hunter22")
        let codes = try F.compile(F.files(group: group)).diagnostics.sorted.map { "\($0.code.rawValue) \($0.location)" }
        #expect(codes == ["E109 \(Self.groupFile):6:13"])
    }
}
