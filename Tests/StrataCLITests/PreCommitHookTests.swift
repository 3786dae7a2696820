import Foundation
import Testing
import StrataTestSupport

/// The plain git hook of examples/ci validates what is being committed, read from the index.
@Suite("Pre-commit hook")
struct PreCommitHookTests {
    @Test func theHookRefusesAnInvalidCommitAndAcceptsAValidOne() async throws {
        let repo = try TempRepo(copying: "americas")
        let home = try TempRepo()
        let strataDirectory = TestPaths.strata.deletingLastPathComponent().path
        let environment = [
            "HOME": home.path, "GIT_AUTHOR_NAME": "Ops", "GIT_AUTHOR_EMAIL": "ops@example.com",
            "GIT_COMMITTER_NAME": "Ops", "GIT_COMMITTER_EMAIL": "ops@example.com",
            "PATH": strataDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "NO_COLOR": "1",
        ]
        func git(_ arguments: String...) async throws -> CommandResult {
            try await runProcess("/usr/bin/env", ["git"] + arguments, environment: environment, directory: repo.path)
        }
        await #expect(try git("init", "-q", "-b", "main").status == 0)
        await #expect(try git("add", "-A").status == 0)
        await #expect(try git("commit", "-qm", "americas").status == 0)
        let hook = repo.root.appendingPathComponent(".git/hooks/pre-commit")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("examples/ci/pre-commit"), to: hook)

        // users at group mode: staged, so the hook must refuse the commit.
        try repo.write("clusters/americas/groups/usa.yaml", "settings:\n  users: []\n")
        await #expect(try git("add", "clusters/americas/groups/usa.yaml").status == 0)
        let refused = try await git("commit", "-qm", "users at group mode")
        // git passes a hook's standard output on to its own standard error.
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(":clusters/americas/groups/usa.yaml:2:3: error[E201]: 'users' cannot be configured in group mode"))

        // Fix it in the working tree but not in the index: the hook reads the index, so it still refuses.
        try repo.write("clusters/americas/groups/usa.yaml", "settings: {}\n")
        await #expect(try git("commit", "-qm", "still staged wrong").status == 1)

        await #expect(try git("add", "clusters/americas/groups/usa.yaml").status == 0)
        let accepted = try await git("commit", "-qm", "usa group takes everything from the cluster")
        #expect(accepted.status == 0)
        await #expect(try git("log", "--format=%s", "-1").stdout == "usa group takes everything from the cluster\n")
    }
}
