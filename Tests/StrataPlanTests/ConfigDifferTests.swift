import Testing
import StrataModel
import StrataPlan

/// The differ on hand-built configurations: matching, ordering and the cases the compiler never produces.
@Suite struct ConfigDifferTests {
    private static func listener(_ name: String, port: Int = 25) -> Value {
        .record([Field("name", .string(name)), Field("interface", .string("Data1")), Field("port", .integer(port))])
    }

    private static func configuration(
        _ machine: String, cluster: String = "c", group: String = "g", listeners: [Value] = [listener("A")]
    ) -> EffectiveConfiguration {
        EffectiveConfiguration(
            cluster: ClusterName(cluster), group: GroupName(group), machine: MachineName(machine),
            features: [ResolvedFeature(name: "listeners", value: .list(listeners), provenance: .configured(.cluster), overrides: [])])
    }

    @Test func machinesAreSortedByClusterThenMachineAndMatchedByBoth() {
        let diff = ConfigDiffer.diff(
            before: [Self.configuration("m1", cluster: "b"), Self.configuration("m2", cluster: "a")],
            after: [Self.configuration("m1", cluster: "a"), Self.configuration("m2", cluster: "a"), Self.configuration("m0", cluster: "b")])
        #expect(diff.machines.map { "\($0.cluster)/\($0.machine) \($0.action.rawValue)" } == [
            "a/m1 create", "a/m2 noop", "b/m0 create", "b/m1 delete",
        ])
    }

    @Test func provenanceAloneIsNoChange() {
        var moved = Self.configuration("m")
        moved.features[0].provenance = .configured(.machine(MachineName("m")))
        moved.features[0].value = Value(.list([Self.listener("A")]), at: SourceLocation(file: "x.yaml", line: 3, column: 5))
        let diff = ConfigDiffer.diff(before: [Self.configuration("m")], after: [moved])
        #expect(diff.actions == ["m: noop"])
        #expect(diff.machines.first?.changes == [])
    }

    @Test func keyedItemsComeInAfterOrderThenRemovedOnes() {
        let before = Self.configuration("m", listeners: [Self.listener("A"), Self.listener("B"), Self.listener("C")])
        let after = Self.configuration("m", listeners: [Self.listener("D"), Self.listener("A", port: 26), Self.listener("C")])
        #expect(ConfigDiffer.diff(before: [before], after: [after]).machines.first?.lines == [
            "+ listeners[D]", "listeners[A].port: 25 → 26", "- listeners[B]",
        ])
    }

    @Test func reorderedKeyedListIsOneChange() {
        let before = Self.configuration("m", listeners: [Self.listener("A"), Self.listener("B")])
        let after = Self.configuration("m", listeners: [Self.listener("B"), Self.listener("A")])
        let machine = ConfigDiffer.diff(before: [before], after: [after]).machines.first
        #expect(machine?.action == .update)
        #expect(machine?.changes.map(\.path) == ["listeners"])
        #expect(machine?.lines == ["listeners: reordered [A, B] → [B, A]"])
    }

    @Test func duplicateKeysFallBackToTheWholeList() {
        let before = Self.configuration("m", listeners: [Self.listener("A"), Self.listener("A", port: 26)])
        let after = Self.configuration("m", listeners: [Self.listener("A")])
        #expect(ConfigDiffer.diff(before: [before], after: [after]).machines.first?.changes.map(\.path) == ["listeners"])
    }

    @Test func unknownFeaturesAndFieldsAreComparedAfterKnownOnes() {
        var before = Self.configuration("m")
        var after = Self.configuration("m", listeners: [
            .record([Field("name", .string("A")), Field("interface", .string("Data1")), Field("port", .integer(25)), Field("extra", .integer(1))]),
        ])
        before.features.insert(ResolvedFeature(name: "zz_custom", value: .integer(1), provenance: .defaultValue, overrides: []), at: 0)
        after.features.insert(ResolvedFeature(name: "zz_custom", value: .integer(2), provenance: .defaultValue, overrides: []), at: 0)
        #expect(ConfigDiffer.diff(before: [before], after: [after]).machines.first?.lines == [
            "+ listeners[A].extra: 1", "zz_custom: 1 → 2",
        ])
    }
}
