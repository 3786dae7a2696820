import Foundation
import StrataModel
import StrataTestSupport
import Testing

@Suite("copy, move and unset edit the YAML files")
struct EditCommandTests {
    @Test("copy down to all groups changes no machine's effective configuration and only inserts lines")
    func copyDown() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let effective = try await fixture.effective()
        let result = try await fixture.strata("copy", "dns", "--from", "cluster", "--to", "all-groups")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("""
            copy dns from cluster to group:Main_Group, group:usa
                edited clusters/americas/groups/Main_Group.yaml
                edited clusters/americas/groups/usa.yaml

            working tree → edited: 0 machines to update, 0 to create, 0 to delete, 3 unchanged (0 changes)
            """), "\(result)")
        #expect(effective.count == 3)
        await #expect(try fixture.effective() == effective)
        let after = try fixture.snapshot()
        #expect(try fixture.repo.read(EditFixture.mainGroup) == """
            # yaml-language-server: $schema=../../../../../schemas/group.schema.json
            # The default group: its machines take everything from cluster mode.
            settings:
              dns:
                servers:
                - 192.0.2.53
                - 198.51.100.53
                timeout: 5s

            """)
        // usa.yaml: the dns lines inserted (catalogue order: after smtp_routes? before ntp?), nothing else touched.
        let inserted = try #require(EditFixture.insertion(from: before[EditFixture.usa] ?? [], to: after[EditFixture.usa] ?? []))
        #expect(String(decoding: inserted, as: UTF8.self) == "  dns:\n    servers:\n    - 192.0.2.53\n    - 198.51.100.53\n    timeout: 5s\n")
        for (path, bytes) in before where path != EditFixture.usa && path != EditFixture.mainGroup {
            #expect(after[path] == bytes, "\(path) changed")
        }
    }

    @Test("copy onto a mode that configures the feature is refused without --replace, and nothing is written")
    func copyOntoConfigured() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let refused = try await fixture.strata("copy", "ntp", "--from", "cluster", "--to", "group:usa")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("clusters/americas/groups/usa.yaml:9:3: error[E604]: group:usa already configures 'ntp'"), "\(refused)")
        #expect(refused.stderr.contains("error: copy ntp refused: nothing was written"))
        #expect(try fixture.snapshot() == before)
        let replaced = try await fixture.strata("copy", "ntp", "--from", "cluster", "--to", "group:usa", "--replace")
        #expect(replaced.status == 0, "\(replaced)")
        #expect(replaced.stdout.contains("ntp.servers: [ntp-us.example.com] → [time1.example.com, time2.example.com]"))
        let text = try fixture.repo.read(EditFixture.usa)
        #expect(text.hasSuffix("  ntp:\n    servers:\n    - time1.example.com\n    - time2.example.com\n"), "\(text)")
        #expect(text.hasPrefix(String(decoding: before[EditFixture.usa]!.prefix(330), as: UTF8.self)))
    }

    @Test("a machine-only feature copied to cluster mode is refused naming cluster.yaml (E605)")
    func machineOnlyToCluster() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let result = try await fixture.strata("copy", "hostname", "--from", "machine:newyork.example.com", "--to", "cluster")
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "clusters/americas/cluster.yaml:8:1: error[E605]: 'hostname' cannot be configured in cluster mode (cluster); it is allowed in machine mode only"),
            "\(result)")
        #expect(try fixture.snapshot() == before)
    }

    @Test("a move that breaks a reference is refused with E301 and writes nothing")
    func moveBreakingReference() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let result = try await fixture.strata("move", "text_resources", "--from", "cluster", "--to", "group:usa")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[E301]: listener 'IncomingMail' refers to footer 'disclaimer', which machine buttercup.run does not resolve"), "\(result)")
        #expect(result.stderr.contains("error: move text_resources refused: nothing was written"))
        #expect(try fixture.snapshot() == before)
    }

    @Test("unset removes exactly the feature's lines; the mode inherits again")
    func unset() async throws {
        let fixture = try EditFixture()
        let original = try fixture.repo.read(EditFixture.usa)
        let result = try await fixture.strata("unset", "ntp", "--from", "group:usa")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("unset ntp in group:usa\n    edited clusters/americas/groups/usa.yaml\n"))
        #expect(try fixture.repo.read(EditFixture.usa) == original.replacingOccurrences(of: "  ntp:\n    servers: [ntp-us.example.com]\n", with: ""))
        let show = try await fixture.strata("show", "newyork.example.com", "--explain")
        #expect(show.stdout.contains("ntp"), "\(show)")
        let again = try await fixture.strata("unset", "ntp", "--from", "group:usa")
        #expect(again.status == 1)
        #expect(again.stderr.contains("error[E603]: group:usa does not configure 'ntp'"), "\(again)")
    }

    @Test("a move leaves the source's other lines and comments byte for byte")
    func moveKeepsUntouchedBytes() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let result = try await fixture.strata("move", "feature_keys", "--from", "machine:newyork.example.com", "--to", "machine:losangeles.example.com", "--replace")
        #expect(result.status == 0, "\(result)")
        let after = try fixture.snapshot()
        let block = "  feature_keys:\n    - feature: antispam\n      key: NY01-ASPM-7Q2L-0001\n"
        let source = String(decoding: before[EditFixture.newyork] ?? [], as: UTF8.self)
        #expect(source.components(separatedBy: block).count == 2)
        #expect(String(decoding: after[EditFixture.newyork] ?? [], as: UTF8.self) == source.replacingOccurrences(of: block, with: ""))
        #expect(source.contains("  # newyork keeps a friendlier HAT: its listener overrides the cluster's.\n"))
        let target = "clusters/americas/machines/losangeles.example.com.yaml"
        #expect(String(decoding: after[target] ?? [], as: UTF8.self).contains("  feature_keys:\n  - feature: antispam\n    key: NY01-ASPM-7Q2L-0001\n"))
        for (path, bytes) in before where path != EditFixture.newyork && path != target {
            #expect(after[path] == bytes, "\(path) changed")
        }
    }

    @Test("--dry-run prints the effect in the diff format and writes nothing; --format json is the diff contract")
    func dryRun() async throws {
        let fixture = try EditFixture()
        let before = try fixture.snapshot()
        let text = try await fixture.strata("copy", "smtp_routes", "--from", "group:usa", "--to", "group:Main_Group", "--dry-run")
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("(dry run: nothing written)\n    would edit clusters/americas/groups/Main_Group.yaml\n"), "\(text)")
        #expect(text.stdout.contains("~ buttercup.run (cluster americas, update)"))
        let json = try await fixture.strata("copy", "smtp_routes", "--from", "group:usa", "--to", "group:Main_Group", "--dry-run", "--format", "json")
        #expect(json.status == 0, "\(json)")
        let document = try JSONParser.parse(json.stdout)
        #expect(document["summary"]?["update"]?.intValue == 1, "\(json.stdout)")
        #expect(document["machines"] != nil)
        #expect(document["edit"]?["written"] == .bool(false))
        #expect(document["edit"]?["files"] == .array([.string(EditFixture.mainGroup)]))
        #expect(try fixture.snapshot() == before)
    }

    @Test("moving a table with no factory default away from cluster mode names the machines left without one (W608)")
    func emptiedTable() async throws {
        let fixture = try EditFixture()
        let result = try await fixture.strata("move", "smtp_routes", "--from", "cluster", "--to", "group:usa", "--replace")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning[W608]: 'smtp_routes' has no factory default: 1 machine will have none: buttercup.run"), "\(result)")
    }

    @Test("a copy to cluster mode names the machines that override the feature below it (W609)")
    func overriddenBelow() async throws {
        let fixture = try EditFixture()
        let result = try await fixture.strata("copy", "ntp", "--from", "group:usa", "--to", "cluster", "--replace")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains(
            "warning[W609]: 2 machines override 'ntp' below cluster and will not see this change: losangeles.example.com (group:usa), newyork.example.com (group:usa)"),
            "\(result)")
    }
}
