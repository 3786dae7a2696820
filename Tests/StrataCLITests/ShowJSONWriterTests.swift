import Testing
@testable import StrataCLI
import StrataBench
import StrataCompile
import StrataModel
import StrataTestSupport

/// `show --format json` writes bytes straight from the values, reusing a mode's rendering across machines:
/// the output must stay byte for byte what the JSON tree rendering (the former path, kept here as the
/// reference) printed through the console.
@Suite("show JSON writer")
struct ShowJSONWriterTests {
    /// The former rendering: a `JSON` tree per machine.
    static func reference(_ configuration: EffectiveConfiguration, explain: Bool) -> JSON {
        var fields: [(String, JSON)] = [
            ("cluster", .string(configuration.cluster.rawValue)),
            ("group", .string(configuration.group.rawValue)),
            ("machine", .string(configuration.machine.rawValue)),
            ("settings", .object(configuration.features.map { ($0.name, JSON($0.value)) })),
            ("provenance", .object(configuration.features.map { ($0.name, .string($0.provenance.description)) })),
        ]
        if explain {
            fields.append(("overrides", .object(configuration.features.map { feature in
                (feature.name, .array(feature.overrides.map { .string($0.description) }))
            })))
        }
        return .object(fields)
    }

    /// Collects what the writer hands out.
    final class Collector {
        var bytes: [UInt8] = []
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// `show --all --format json` the former way and the new way.
    static func both(_ configurations: [EffectiveConfiguration], explain: Bool) -> (old: String, new: String) {
        var old = "{\n  \"machines\": ["
        let new = Collector()
        var writer = ShowJSONWriter(explain: explain, level: 2) { new.bytes += $0 }
        writer.raw("{\n  \"machines\": [")
        for (index, configuration) in configurations.enumerated() {
            old += (index == 0 ? "\n    " : ",\n    ") + reference(configuration, explain: explain).rendered(nestedAt: 2)
            writer.raw(index == 0 ? "\n    " : ",\n    ")
            writer.machine(configuration)
            writer.flush()
        }
        old += configurations.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        writer.raw(configurations.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        writer.flush()
        return (Console.safe(old, colour: false), new.text)
    }

    static func configurations(of repo: TempRepo) throws -> [EffectiveConfiguration] {
        let result = try repo.compile()
        #expect(result.diagnostics.errorCount == 0)
        return result.clusters.flatMap(\.effective)
    }

    @Test(arguments: ["americas", "failover-pair"])
    func examplesGiveTheSameBytes(example: String) throws {
        let configurations = try Self.configurations(of: TempRepo(copying: example))
        #expect(!configurations.isEmpty)
        for explain in [false, true] {
            let (old, new) = Self.both(configurations, explain: explain)
            #expect(new == old)
        }
        let collected = Collector()
        var single = ShowJSONWriter(explain: false, level: 0) { collected.bytes += $0 }
        single.machine(configurations[0])
        single.flush()
        let alone = Console.safe(Self.reference(configurations[0], explain: false).rendered(), colour: false)
        #expect(collected.text == alone)
    }

    /// The effective configurations of a generated fleet.
    static func fleet(_ shape: FleetShape) throws -> [EffectiveConfiguration] {
        let repo = try TempRepo()
        for file in FleetGenerator(shape: shape).strataFiles() { try repo.write(file.path, file.text) }
        return try configurations(of: repo)
    }

    /// Large tables (cached values over 64 KiB go to the output on their own) included.
    @Test func aGeneratedFleetGivesTheSameBytes() throws {
        let configurations = try Self.fleet(FleetShape(clusters: 2, groups: 3, machines: 10, smtpRoutes: 3000, hatRows: 8, unsubscribe: 6, users: 2))
        #expect(configurations.count == 20)
        let (old, new) = Self.both(configurations, explain: false)
        #expect(new == old)
    }

    /// A table rendered to more than a megabyte is cached and written in pieces of about a megabyte, never in one
    /// buffer doubling as it grows: the same bytes as the former rendering.
    @Test func aTableOverAMegabyteGoesOutInPiecesWithTheSameBytes() throws {
        let configurations = try Self.fleet(FleetShape(clusters: 1, groups: 2, machines: 3, smtpRoutes: 12_000, hatRows: 4, unsubscribe: 4, users: 2))
        let (old, new) = Self.both(configurations, explain: false)
        #expect(new == old)
        let routes = try #require(configurations.first?[feature: "smtp_routes"]?.value)
        var whole = JSONWriter(capacity: 256)
        whole.value(routes, indent: 4)
        var pieced = JSONWriter(capacity: 256)
        pieced.pieceSize = 1 << 20
        pieced.value(routes, indent: 4)
        #expect(whole.bytes.count > 1 << 20)
        #expect(pieced.pieces.count == whole.bytes.count >> 20)
        #expect(pieced.pieces.allSatisfy { $0.count >= 1 << 20 && $0.count < (1 << 20) + 4096 })
        #expect(pieced.pieces.flatMap { $0 } + pieced.bytes == whole.bytes)
    }

    /// Controls a terminal must not see raw (C1, separators, bidirectional overrides) are JSON `\uXXXX` escapes,
    /// in values, in keys and in cached renderings: valid JSON that the console leaves as it is.
    @Test func unicodeControlsAreEscapedAsJSON() throws {
        let text = Value.string("a\u{85}b\u{202E}c\u{1B}[31m\"\\\t\u{7F}é")
        let feature = ResolvedFeature(
            name: "smtpd_banner", value: .record([Field("k\u{2028}", text), Field("n", .list([text, .integer(-3)]))]),
            provenance: .configured(.group(GroupName("g1"))), overrides: [.cluster])
        let configurations = ["m1", "m2"].map { name in
            EffectiveConfiguration(
                cluster: ClusterName("c"), group: GroupName("g1"), machine: MachineName(name), features: [feature])
        }
        let (old, new) = Self.both(configurations, explain: true)
        #expect(new == old)
        #expect(!new.contains("\\u{"))
        for escape in ["\\u0085", "\\u202e", "\\u2028", "\\u001b", "\\u007f"] { #expect(new.contains(escape), "\(escape)") }
        #expect(try JSONParser.parse(new) != .null)
    }
}
