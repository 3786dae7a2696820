import Testing
import StrataTestSupport

/// `strata render MACHINE --backend keepalived` through the real binary. A machine without failover
/// renders no file (the backend would stop keepalived); the keepalived.conf itself is covered by
/// StrataKeepalivedTests' golden files.
@Suite("strata render --backend keepalived")
struct RenderKeepalivedCommandTests {
    static let americas = TestPaths.example("americas").path

    @Test func aMachineWithoutFailoverRendersNoFile() async throws {
        let text = try await runStrata(["render", "newyork.example.com", "--backend", "keepalived", "--repo", Self.americas])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout == "")
        #expect(text.stderr == "newyork.example.com has no failover: the keepalived backend stops keepalived and removes its file\n")
        let json = try await runStrata(["render", "newyork.example.com", "--backend", "keepalived", "--format", "json", "--repo", Self.americas])
        #expect(json.status == 0)
        #expect(json.stdout == "{\n  \"files\": {},\n  \"warnings\": []\n}\n")
    }

    @Test func aMalformedInterfaceMapOrBackendIsAUsageError() async throws {
        let map = try await runStrata(["render", "newyork.example.com", "--backend", "keepalived", "--interface-map", "Data1", "--repo", Self.americas])
        #expect(map.status == 1)
        #expect(map.stderr.contains("--interface-map 'Data1' is not NAME=DEVICE (each NAME once)"))
        let backend = try await runStrata(["render", "newyork.example.com", "--backend", "vrrp", "--repo", Self.americas])
        #expect(backend.status == 1)
        #expect(backend.stderr.contains("unknown backend 'vrrp': the backends with files to render are postfix and keepalived"))
    }
}
