import Testing
import StrataModel
import StrataCompile
import StrataTestSupport
import StrataCatalogue

/// The SPEC's inheritance rule and its corner cases.
@Suite("Inheritance")
struct InheritanceTests {
    static let cluster = """
        settings:
          global_unsubscribe: [a@example.com, b.example.com]
          dns:
            servers: [192.0.2.53]
            timeout: 10s
          ntp:
            servers: [time.example.com]
          text_resources:
            - {name: legal, type: footer, text: Legal text}
        """

    func effective(group: String, machines: [String: String]) throws -> (CompilationResult, [String: EffectiveConfiguration]) {
        let repo = try TempRepo(minimalCluster(cluster: Self.cluster, group: group, machines: machines))
        let result = try repo.compile()
        let byName = Dictionary(uniqueKeysWithValues: result.clusters.flatMap(\.effective).map { ($0.machine.rawValue, $0) })
        return (result, byName)
    }

    @Test func anEmptyOverrideAtGroupModeGivesNothing() throws {
        let (result, machines) = try effective(
            group: "settings:\n  global_unsubscribe: []\n",
            machines: ["m1.example.com": "group: main\n"])
        let feature = try #require(machines["m1.example.com"]?[feature: "global_unsubscribe"])
        #expect(feature.value == .list([]))
        #expect(feature.provenance.description == "group:main")
        #expect(feature.overrides == [.cluster])
        #expect(!result.diagnostics.hasErrors)
    }

    @Test func aMachineOverridesItsGroupsOverride() throws {
        let (_, machines) = try effective(
            group: "settings:\n  ntp:\n    servers: [group.example.com]\n",
            machines: [
                "m1.example.com": "group: main\nsettings:\n  dns:\n    servers: root\n",
                "m2.example.com": "group: main\n",
            ])
        // dns: machine beats cluster; the fields it leaves out take defaults, not the cluster's values.
        let dns = try #require(machines["m1.example.com"]?[feature: "dns"])
        #expect(dns.value == .record([Field("servers", .string("root")), Field("timeout", .duration(5))]))
        #expect(dns.provenance.description == "machine:m1.example.com")
        #expect(dns.overrides == [.cluster])
        let ntp = try #require(machines["m2.example.com"]?[feature: "ntp"])
        #expect(ntp.value == .record([Field("servers", .list([.string("group.example.com")]))]))
        #expect(machines["m2.example.com"]?[feature: "dns"]?.provenance.description == "cluster")
    }

    @Test func aMachineOverrideOfAGroupOverrideWins() throws {
        let (_, machines) = try effective(
            group: "settings:\n  global_unsubscribe: [group.example.com]\n",
            machines: ["m1.example.com": "group: main\nsettings:\n  global_unsubscribe: [machine.example.com]\n"])
        let feature = try #require(machines["m1.example.com"]?[feature: "global_unsubscribe"])
        #expect(feature.value == .list([.string("machine.example.com")]))
        #expect(feature.overrides == [.group(GroupName("main")), .cluster])
    }

    @Test func aFeatureAbsentEverywhereTakesItsDefault() throws {
        let (_, machines) = try effective(group: "settings: {}\n", machines: ["m1.example.com": "group: main\n"])
        let machine = try #require(machines["m1.example.com"])
        #expect(machine.features.map(\.name) == Catalogue.features.filter(\.hasDefault).map(\.name.rawValue))
        let mta = try #require(machine[feature: "mta"])
        #expect(mta.provenance == .defaultValue)
        #expect(mta.value[field: "maximal_queue_lifetime"] == .duration(432_000))
        #expect(machine[feature: "hostname"]?.value == .string("m1.example.com"))
        #expect(machine[feature: "timezone"]?.value == .string("UTC"))
        #expect(machine[feature: "listeners"]?.value == .list([]))
    }

    @Test func nullIsAnErrorWithBothFixes() throws {
        let (result, _) = try effective(group: "settings:\n  ntp: null\n", machines: ["m1.example.com": "group: main\n"])
        let diagnostic = try #require(result.diagnostics.sorted.first { $0.severity == .error })
        #expect(diagnostic.code == .nullValue)
        #expect(diagnostic.location == SourceLocation(file: "clusters/c1/groups/main.yaml", line: 2, column: 8))
        #expect(diagnostic.help == "write [] or {} to configure an empty value, or delete the key to inherit")
    }

    @Test func anEmptyMappingIsAConfiguredRecordOfDefaults() throws {
        let (_, machines) = try effective(group: "settings:\n  dns: {}\n", machines: ["m1.example.com": "group: main\n"])
        let dns = try #require(machines["m1.example.com"]?[feature: "dns"])
        #expect(dns.provenance.description == "group:main")
        #expect(dns.value == .record([Field("servers", .string("root")), Field("timeout", .duration(5))]))
    }

    @Test func aMachineInAnUnknownGroupHasNoEffectiveConfiguration() throws {
        let (result, machines) = try effective(group: "settings: {}\n", machines: ["m1.example.com": "group: mian\n"])
        #expect(machines["m1.example.com"] == nil)
        let diagnostic = try #require(result.diagnostics.sorted.first { $0.code == .unknownGroup })
        #expect(diagnostic.message == "machine 'm1.example.com' is in group 'mian', which has no file; did you mean 'main'?")
        #expect(diagnostic.location == SourceLocation(file: "clusters/c1/machines/m1.example.com.yaml", line: 1, column: 8))
    }

    @Test func featuresConfiguredInvalidlyDoNotCascadeIntoReferenceErrors() throws {
        // The footer's list is invalid at cluster mode; the listener's reference must not add an E301 on top.
        let repo = try TempRepo(minimalCluster(
            cluster: """
                settings:
                  text_resources:
                    - {name: legal, type: footnote, text: x}
                  listeners:
                    - {name: In, interface: Data1, footer: legal}
                """,
            machines: ["m1.example.com": "group: main\nsettings:\n  interfaces:\n    - {name: Data1, address: 192.0.2.1/24}\n"]))
        let result = try repo.compile()
        #expect(result.diagnostics.triples == ["clusters/c1/cluster.yaml:3 E106"])
    }
}
