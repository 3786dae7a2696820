import Foundation
import StrataTestSupport
import Testing

@Suite("copy --commit makes one git commit")
struct EditCommitTests {
    @Test("--commit records exactly the edited files in one commit on the current branch")
    func commit() async throws {
        let fixture = try GitFixture()
        _ = try fixture.commitAll("The Americas cluster")
        let head = try fixture.revParse("HEAD")
        let result = try await fixture.strata(["copy", "dns", "--from", "cluster", "--to", "all-groups", "--commit"], directory: fixture.work)
        #expect(result.status == 0, "\(result)")
        #expect(try fixture.git("rev-list", "--count", "\(head)..HEAD").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try fixture.git("show", "--name-only", "--format=%s", "HEAD") == """
            Copy dns from cluster to group:Main_Group, group:usa

            clusters/americas/groups/Main_Group.yaml
            clusters/americas/groups/usa.yaml

            """)
        #expect(try fixture.status().isEmpty)
        #expect(result.stdout.contains("committed "), "\(result)")
    }

    @Test("--commit refuses uncommitted changes in the cluster's files and writes nothing")
    func dirty() async throws {
        let fixture = try GitFixture()
        _ = try fixture.commitAll("The Americas cluster")
        try fixture.append("clusters/americas/groups/usa.yaml", "# local change\n")
        let before = try fixture.read("clusters/americas/groups/Main_Group.yaml")
        let result = try await fixture.strata(["copy", "dns", "--from", "cluster", "--to", "all-groups", "--commit"], directory: fixture.work)
        #expect(result.status == 1)
        #expect(result.stderr.contains("uncommitted changes"), "\(result)")
        #expect(try fixture.read("clusters/americas/groups/Main_Group.yaml") == before)
    }
}
