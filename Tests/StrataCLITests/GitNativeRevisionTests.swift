import Foundation
import Testing
import StrataTestSupport

/// A history of the americas example, built once and only read by the tests:
///
///     main:    c1 (tag v1) ─ c2 ─ c3 ─ c4 ─ c5 (invalid) ─ c6 = HEAD
///     feature:               └─ f1
///
/// - c1: the example as is (annotated tag v1).
/// - c2: group usa overrides dns.
/// - f1 (branch feature, from c2): newyork's IncomingMail takes 300 connections; group usa moves to Chicago time.
/// - c3: losangeles moves to Main_Group; the cluster's IncomingMail listens on 2525.
/// - c4: machine saopaulo.example.com joins Main_Group.
/// - c5: a typo in usa.yaml (`ntpp`): does not validate.
/// - c6: the typo fixed; Main_Group gets its own NTP server.
///
/// Each revision tested is also checked out in a `git worktree`, and the repository has a bare clone.
final class RevisionHistory: @unchecked Sendable {
    static let shared = Result { try RevisionHistory() }

    static func get() throws -> RevisionHistory { try shared.get() }

    let fixture: GitFixture
    /// Commit ids by name: c1 ... c6, f1.
    let ids: [String: String]
    /// The revisions compared with checkouts (HEAD~2, v1, feature, the short id of c3) and HEAD~1 (invalid).
    let revisions: [String]
    /// A detached worktree for each of `revisions`.
    let worktrees: [String: URL]
    /// A bare clone of the repository.
    let bare: URL

    init() throws {
        let fixture = try GitFixture()
        SharedFixtures.keep(fixture)
        let usa = "clusters/americas/groups/usa.yaml"
        var ids: [String: String] = [:]
        ids["c1"] = try fixture.commitAll("Add the americas cluster")
        try fixture.git("tag", "-a", "v1", "-m", "First release")

        try fixture.append(usa, "  dns:\n    servers: [192.0.2.99]\n    timeout: 5s\n")
        ids["c2"] = try fixture.commitAll("usa: own DNS servers")

        try fixture.git("checkout", "-q", "-b", "feature")
        try fixture.replace("clusters/americas/machines/newyork.example.com.yaml", "max_connections: 200", with: "max_connections: 300")
        try fixture.append(usa, "  timezone: America/Chicago\n")
        ids["f1"] = try fixture.commitAll("newyork: 300 connections; usa: Chicago time")
        try fixture.git("checkout", "-q", "main")

        try fixture.replace("clusters/americas/machines/losangeles.example.com.yaml", "group: usa", with: "group: Main_Group")
        try fixture.replace("clusters/americas/cluster.yaml", "interface: Data1\n      port: 25\n", with: "interface: Data1\n      port: 2525\n")
        ids["c3"] = try fixture.commitAll("losangeles to Main_Group; IncomingMail on 2525")

        try fixture.write("clusters/americas/machines/saopaulo.example.com.yaml", DiffHistory.saoPaulo)
        ids["c4"] = try fixture.commitAll("Add saopaulo.example.com")

        try fixture.replace(usa, "  ntp:\n", with: "  ntpp:\n")
        ids["c5"] = try fixture.commitAll("usa: typo")

        try fixture.replace(usa, "  ntpp:\n", with: "  ntp:\n")
        try fixture.write("clusters/americas/groups/Main_Group.yaml", "settings:\n  ntp:\n    servers: [ntp-main.example.com]\n")
        ids["c6"] = try fixture.commitAll("Fix the typo; Main_Group has its own NTP server")

        let revisions = ["HEAD~2", "v1", "feature", try fixture.shortId(ids["c3"]!), "HEAD~1"]
        var worktrees: [String: URL] = [:]
        for revision in revisions { worktrees[revision] = try fixture.worktree(at: revision) }
        self.fixture = fixture
        self.ids = ids
        self.revisions = revisions
        self.worktrees = worktrees
        self.bare = try fixture.bareClone()
    }

    /// The commit id each tested revision must resolve to.
    func expectedCommit(_ revision: String) -> String {
        switch revision {
        case "HEAD~2": ids["c4"]!
        case "v1": ids["c1"]!
        case "feature": ids["f1"]!
        case "HEAD~1": ids["c5"]!
        default: ids["c3"]!
        }
    }
}

/// `--rev REV` on validate, show, where and export.
@Suite("Git-native: --rev")
struct GitNativeRevisionTests {
    /// The valid revisions, by how they are written (the short commit id is resolved in the test).
    enum Revision: String, CaseIterable, Sendable {
        case headMinus2 = "HEAD~2", tag = "v1", branch = "feature", shortCommit = "short id of c3"

        func written(in history: RevisionHistory) throws -> String {
            self == .shortCommit ? try history.fixture.shortId(history.ids["c3"]!) : rawValue
        }
    }

    static let commands: [[String]] = [
        ["validate", "--format", "json"],
        ["show", "newyork.example.com", "--format", "json"],
        ["show", "--all", "--format", "json"],
        ["where", "listeners", "--format", "json"],
        ["export", "newyork.example.com"],
    ]

    /// validate's JSON at a revision is the checkout's, with `"revision": {"name", "commit"}` added last.
    static func withRevision(_ json: String, name: String, commit: String) -> String {
        precondition(json.hasSuffix("\n}\n"))
        return String(json.dropLast(3)) + ",\n  \"revision\": {\n    \"name\": \"\(name)\",\n    \"commit\": \"\(commit)\"\n  }\n}\n"
    }

    @Test("--rev gives what a checkout of the revision gives", arguments: Revision.allCases)
    func revisionEqualsCheckout(_ revision: Revision) async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let rev = try revision.written(in: history)
        let commit = history.expectedCommit(rev)
        let checkout = try #require(history.worktrees[rev])
        for command in Self.commands {
            let fromCheckout = try await fixture.strata(command + ["--repo", checkout.path])
            let fromRevision = try await fixture.strata(command + ["--repo", fixture.path, "--rev", rev])
            #expect(fromCheckout.status == 0, "\(command) in the checkout of \(rev): \(fromCheckout.stderr)")
            #expect(fromRevision.status == 0, "\(command) --rev \(rev): \(fromRevision.stderr)")
            #expect(fromRevision.stderr == "")
            #expect(fromCheckout.stderr == "")
            switch command[0] {
            case "validate":
                #expect(fromRevision.stdout == Self.withRevision(fromCheckout.stdout, name: rev, commit: commit))
            case "export":
                // The header names the commit the files come from: the revision's full id.
                #expect(fromRevision.stdout.contains("\n# Cluster: americas; group: usa; commit: \(commit)\n"))
                #expect(fromRevision.stdout == fromCheckout.stdout)
            default:
                #expect(fromRevision.stdout == fromCheckout.stdout, "\(command) --rev \(rev)")
            }
        }
        // The revision really is another configuration than the working tree's (HEAD).
        let atRevision = try await fixture.strata(["show", "--all", "--format", "json", "--repo", fixture.path, "--rev", rev])
        let workingTree = try await fixture.strata(["show", "--all", "--format", "json", "--repo", fixture.path])
        #expect(workingTree.status == 0)
        #expect(atRevision.stdout != workingTree.stdout)
    }

    @Test func revisionsResolveToTheirCommits() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        for revision in Revision.allCases {
            let rev = try revision.written(in: history)
            let result = try await fixture.strata(["validate", "--format", "json", "--repo", fixture.path, "--rev", rev])
            let object = try jsonObject(result.stdout)
            let named = try #require(object["revision"] as? [String: String])
            #expect(named == ["name": rev, "commit": history.expectedCommit(rev)])
        }
    }

    @Test func validateTextNamesTheRevision() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let shortC1 = try fixture.shortId("v1")
        let tag = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "v1"])
        #expect(tag.status == 0)
        #expect(tag.stdout == "valid: v1 (\(shortC1)): 1 cluster, 2 groups, 3 machines: 0 errors, 0 warnings\n")
        // A short commit id is its own label.
        let shortC3 = try fixture.shortId(history.ids["c3"]!)
        let short = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", shortC3])
        #expect(short.stdout == "valid: \(shortC3): 1 cluster, 2 groups, 3 machines: 0 errors, 0 warnings\n")
        // The feature branch sets two time zones in one cluster: a warning, still valid.
        let branch = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "feature", "--format", "json"])
        #expect(branch.status == 0)
        let object = try jsonObject(branch.stdout)
        #expect(object["errors"] as? Int == 0)
        #expect(object["warnings"] as? Int == 1)
        // The working tree (HEAD, c6) is labelled by nothing.
        let head = try await fixture.strata(["validate", "--repo", fixture.path])
        #expect(head.stdout == "valid: 1 cluster, 2 groups, 4 machines: 0 errors, 0 warnings\n")
        let atHead = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "HEAD"])
        #expect(atHead.stdout == "valid: HEAD (\(try fixture.shortId("HEAD"))): 1 cluster, 2 groups, 4 machines: 0 errors, 0 warnings\n")
    }

    @Test func invalidRevisionDiagnosticsNameTheRevision() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let checkout = try #require(history.worktrees["HEAD~1"])
        let short = try fixture.shortId("HEAD~1")
        let help = "the features are: interfaces, hostname, routes, feature_keys, users, ssh, timezone, ntp, listeners, "
            + "text_resources, ldap, bounce_profiles, smtp_auth_profiles, dictionaries, content_filters, smtp_routes, "
            + "destination_controls, dns, global_unsubscribe, mta, failover, failover_priority"
        let diagnostic = """
            clusters/americas/groups/usa.yaml:9:3: error[E104]: unknown feature 'ntpp'; did you mean 'ntp'?
             9 |   ntpp:
               |   ^
              help: \(help)

            """

        let text = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "HEAD~1"])
        #expect(text.status == 1)
        #expect(text.stderr == "")
        #expect(text.stdout == "HEAD~1:" + diagnostic + "\ninvalid: HEAD~1 (\(short)): 1 cluster, 2 groups, 4 machines: 1 error, 0 warnings\n")
        let inCheckout = try await fixture.strata(["validate", "--repo", checkout.path])
        #expect(inCheckout.status == 1)
        #expect(inCheckout.stdout == diagnostic + "\ninvalid: 1 cluster, 2 groups, 4 machines: 1 error, 0 warnings\n")

        let json = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "HEAD~1", "--format", "json"])
        #expect(json.status == 1)
        let checkoutJSON = try await fixture.strata(["validate", "--repo", checkout.path, "--format", "json"])
        #expect(json.stdout == Self.withRevision(checkoutJSON.stdout, name: "HEAD~1", commit: history.ids["c5"]!))
        let object = try jsonObject(json.stdout)
        #expect(object["revision"] as? [String: String] == ["name": "HEAD~1", "commit": history.ids["c5"]!])
        #expect(object["errors"] as? Int == 1)
        let first = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "clusters/americas/groups/usa.yaml")
        #expect(first["line"] as? Int == 9)
        #expect(first["code"] as? String == "E104")

        // show and export refuse an invalid revision, with the same prefixed diagnostics.
        let refusal = "HEAD~1:" + diagnostic
            + "error: the configuration (HEAD~1 (\(short))) has 1 error\nhelp: fix them (see `strata validate`) before showing or exporting\n"
        for command in [["show", "newyork.example.com"], ["export", "newyork.example.com"], ["where", "ntp"], ["show", "--all"]] {
            let result = try await fixture.strata(command + ["--repo", fixture.path, "--rev", "HEAD~1"])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(result.stderr == refusal, "\(command)")
        }
    }

    @Test func notesOfAnInvalidRevisionNameItToo() async throws {
        let fixture = try GitFixture()
        try fixture.commitAll("Add the americas cluster")
        try fixture.replace("clusters/americas/machines/losangeles.example.com.yaml", "198.51.100.20/24", with: "198.51.100.10/24")
        let commit = try fixture.commitAll("losangeles takes newyork's address")
        try fixture.git("checkout", "-q", "HEAD~1")
        let result = try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "main"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            main:clusters/americas/machines/newyork.example.com.yaml:11:16: error[E403]: interface address '198.51.100.10' is used by machines 'losangeles.example.com' and 'newyork.example.com'
             11 |       address: 198.51.100.10/24
                |                ^
              main:clusters/americas/machines/losangeles.example.com.yaml:11:16: note: also used here, by machine 'losangeles.example.com'
              help: give each machine's interfaces their own addresses

            invalid: main (\(try fixture.shortId("main"))): 1 cluster, 2 groups, 3 machines: 1 error, 0 warnings

            """)
        let json = try jsonObject(try await fixture.strata(["validate", "--repo", fixture.path, "--rev", "main", "--format", "json"]).stdout)
        #expect(json["revision"] as? [String: String] == ["name": "main", "commit": commit])
        let note = try #require(((json["diagnostics"] as? [[String: Any]])?.first?["notes"] as? [[String: Any]])?.first)
        #expect(note["file"] as? String == "clusters/americas/machines/losangeles.example.com.yaml")
        #expect(note["line"] as? Int == 11)
        // The detached checkout of the parent is valid and unchanged.
        await #expect(try fixture.strata(["validate", "--repo", fixture.path]).status == 0)
        #expect(try fixture.status() == "")
    }

    /// Markdown (a pull-request comment) says which revision it checked, as text and JSON do.
    @Test func markdownOfARevisionNamesIt() async throws {
        let history = try RevisionHistory.get()
        let result = try await history.fixture.strata(["validate", "--repo", history.fixture.path, "--rev", "HEAD~1", "--format", "markdown"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Checked `HEAD~1 ("))
        #expect(result.stdout.contains("\n\n- **error[E104]** `clusters/americas/groups/usa.yaml:9:3`: unknown feature 'ntpp'"))
    }

    @Test func unknownRevisionIsOneLine() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let commands: [[String]] = [
            ["validate", "--rev", "mian"], ["validate", "--rev", "mian", "--format", "json"],
            ["show", "newyork.example.com", "--rev", "mian"], ["show", "--all", "--rev", "mian"],
            ["where", "listeners", "--rev", "mian"], ["export", "newyork.example.com", "--rev", "mian"],
            ["diff", "mian"], ["diff", "HEAD", "mian"], ["diff", "mian", "HEAD", "--detailed-exitcode"],
        ]
        for command in commands {
            let result = try await fixture.strata(command + ["--repo", fixture.path])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(result.stderr == "error: unknown revision 'mian'\n", "\(command)")
        }
        // In the bare clone too.
        let bare = try await fixture.strata(["validate", "--repo", history.bare.path, "--rev", "mian"])
        #expect(bare.status == 1)
        #expect(bare.stderr == "error: unknown revision 'mian'\n")
    }

    @Test func revisionNamingATreeIsRefused() async throws {
        let history = try RevisionHistory.get()
        let result = try await history.fixture.strata(["validate", "--repo", history.fixture.path, "--rev", "HEAD:clusters"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: revision 'HEAD:clusters' names a tree, not a commit\n")
    }

    @Test func repoMayBeASubdirectory() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let groups = fixture.url("clusters/americas/groups")
        for command in Self.commands {
            for rev in ["v1", "HEAD~2"] {
                let fromTop = try await fixture.strata(command + ["--repo", fixture.path, "--rev", rev])
                let fromGroups = try await fixture.strata(command + ["--repo", groups.path, "--rev", rev])
                let fromCurrentDirectory = try await fixture.strata(command + ["--rev", rev], directory: groups)
                #expect(fromTop.status == 0)
                #expect(fromGroups.status == 0, "\(command) --rev \(rev): \(fromGroups.stderr)")
                #expect(fromGroups.stdout == fromTop.stdout, "\(command) --rev \(rev)")
                #expect(fromCurrentDirectory.stdout == fromTop.stdout, "\(command) --rev \(rev), run in groups/")
            }
        }
        // A machine file's directory of a checkout works the same without --rev.
        let checkout = try #require(history.worktrees["v1"])
        let inCheckout = try await fixture.strata(["show", "--all", "--format", "json", "--repo", checkout.appendingPathComponent("clusters/americas/machines").path])
        let atTag = try await fixture.strata(["show", "--all", "--format", "json", "--repo", fixture.path, "--rev", "v1"])
        #expect(inCheckout.status == 0)
        #expect(inCheckout.stdout == atTag.stdout)
    }

    @Test func bareCloneNeedsARevision() async throws {
        let history = try RevisionHistory.get()
        let fixture = history.fixture
        let bare = history.bare.path
        for command in Self.commands {
            for rev in ["HEAD", "v1", "feature", try fixture.shortId(history.ids["c3"]!)] {
                let fromBare = try await fixture.strata(command + ["--repo", bare, "--rev", rev])
                let fromWork = try await fixture.strata(command + ["--repo", fixture.path, "--rev", rev])
                #expect(fromBare.status == 0, "\(command) --rev \(rev): \(fromBare.stderr)")
                #expect(fromBare.stdout == fromWork.stdout, "\(command) --rev \(rev)")
            }
        }
        let headJSON = try await fixture.strata(["validate", "--repo", bare, "--rev", "HEAD", "--format", "json"])
        #expect(try jsonObject(headJSON.stdout)["revision"] as? [String: String] == ["name": "HEAD", "commit": history.ids["c6"]!])
        // A diff between two revisions needs no working tree either.
        let diffBare = try await fixture.strata(["diff", "v1", "HEAD", "--repo", bare, "--format", "json"])
        let diffWork = try await fixture.strata(["diff", "v1", "HEAD", "--repo", fixture.path, "--format", "json"])
        #expect(diffBare.status == 0)
        #expect(diffBare.stdout == diffWork.stdout)

        let refusal = "error: '\(bare)' is a bare repository with no working tree\nhelp: pass --rev REV (for example --rev HEAD)\n"
        for command in [["validate"], ["validate", "--format", "json"], ["show", "newyork.example.com"], ["where", "listeners"],
                        ["export", "newyork.example.com"], ["diff", "v1"]] {
            let result = try await fixture.strata(command + ["--repo", bare])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(result.stderr == refusal, "\(command)")
        }
        let remove = try await fixture.strata(["remove-machine", "newyork.example.com", "--repo", bare, "--export", fixture.base.appendingPathComponent("ny.yaml").path])
        #expect(remove.status == 1)
        #expect(remove.stderr == "error: a bare repository has no machine files to remove\n")
        #expect(!FileManager.default.fileExists(atPath: fixture.base.appendingPathComponent("ny.yaml").path))
    }

    @Test func revOutsideAGitRepository() async throws {
        let repo = try TempRepo(copying: "americas")
        let result = try await runStrata(["validate", "--repo", repo.path, "--rev", "HEAD"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: --rev needs a git repository, and '\(repo.root.resolvingSymlinksInPath().path)' is not inside one\nhelp: run `git init`, or leave out --rev\n")
    }
}

/// `--rev` reads objects only: the working tree, the index and the refs stay as they were.
@Suite("Git-native: --rev leaves the checkout alone")
struct GitNativeUntouchedTests {
    @Test func revisionReadsLeaveTheWorkingTreeAndIndexAlone() async throws {
        let fixture = try GitFixture()
        let newyork = "clusters/americas/machines/newyork.example.com.yaml"
        let usa = "clusters/americas/groups/usa.yaml"
        try fixture.commitAll("Add the americas cluster")
        try fixture.replace(usa, "ntp-us.example.com", with: "ntp-us1.example.com")
        try fixture.commitAll("usa: another NTP server")
        // An unstaged change, a staged change and an untracked file.
        try fixture.replace(newyork, "max_connections: 200", with: "max_connections: 250")
        try fixture.replace(usa, "ntp-us1.example.com", with: "ntp-us2.example.com")
        try fixture.git("add", usa)
        try fixture.write("notes.txt", "not tracked\n")
        let modified = try fixture.read(newyork)

        let status = try fixture.status()
        #expect(status == "M  \(usa)\n M \(newyork)\n?? notes.txt\n")
        let index = try fixture.indexBytes()
        let unstaged = try fixture.git("diff")
        let staged = try fixture.git("diff", "--cached")
        let refs = try fixture.git("for-each-ref")
        let head = try fixture.revParse("HEAD")

        for rev in ["HEAD", "HEAD~1"] {
            for command in GitNativeRevisionTests.commands {
                let result = try await fixture.strata(command + ["--repo", fixture.path, "--rev", rev])
                #expect(result.status == 0, "\(command) --rev \(rev): \(result.stderr)")
            }
        }
        for command in [["diff", "HEAD~1", "HEAD"], ["diff", "HEAD~1", "HEAD", "--format", "json"], ["diff", "HEAD"]] {
            let result = try await fixture.strata(command + ["--repo", fixture.path])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }

        #expect(try fixture.status() == status)
        #expect(try fixture.indexBytes() == index)
        #expect(try fixture.git("diff") == unstaged)
        #expect(try fixture.git("diff", "--cached") == staged)
        #expect(try fixture.git("for-each-ref") == refs)
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.read(newyork) == modified)
        #expect(try fixture.read("notes.txt") == "not tracked\n")

        // --rev HEAD sees the committed 200 connections, the working tree the uncommitted 250.
        func connections(_ arguments: [String]) async throws -> Int? {
            let result = try await fixture.strata(["show", "newyork.example.com", "--format", "json", "--repo", fixture.path] + arguments)
            let settings = try #require(try jsonObject(result.stdout)["settings"] as? [String: Any])
            let listeners = try #require(settings["listeners"] as? [[String: Any]])
            return listeners.first { $0["name"] as? String == "IncomingMail" }?["max_connections"] as? Int
        }
        await #expect(try connections(["--rev", "HEAD"]) == 200)
        await #expect(try connections([]) == 250)
        // The diff to the working tree sees the staged and the unstaged change alike.
        let diff = try await fixture.strata(["diff", "HEAD", "--repo", fixture.path])
        let short = try fixture.shortId("HEAD")
        #expect(diff.stdout == """
            HEAD (\(short)) → working tree: 2 machines to update, 0 to create, 0 to delete, 1 unchanged (3 changes)

            ~ losangeles.example.com (cluster americas, update)
                ntp.servers: [ntp-us1.example.com] → [ntp-us2.example.com]

            ~ newyork.example.com (cluster americas, update)
                ntp.servers: [ntp-us1.example.com] → [ntp-us2.example.com]
                listeners[IncomingMail].max_connections: 200 → 250

            """)
    }

    @Test func revisionsDiffEvenWhenTheWorkingTreeIsBroken() async throws {
        let fixture = try GitFixture()
        try fixture.commitAll("Add the americas cluster")
        try fixture.replace("clusters/americas/cluster.yaml", "interface: Data1\n      port: 25\n", with: "interface: Data1\n      port: 2525\n")
        try fixture.commitAll("IncomingMail on 2525")
        try fixture.write("clusters/americas/groups/usa.yaml", "settings:\n  ntp: null\n")
        let invalid = try await fixture.strata(["validate", "--repo", fixture.path])
        #expect(invalid.status == 1)
        let short = try fixture.shortId("HEAD")
        let shortParent = try fixture.shortId("HEAD~1")
        let diff = try await fixture.strata(["diff", "HEAD~1", "HEAD", "--repo", fixture.path, "--detailed-exitcode"])
        #expect(diff.status == 2)
        #expect(diff.stdout == """
            HEAD~1 (\(shortParent)) → HEAD (\(short)): 2 machines to update, 0 to create, 0 to delete, 1 unchanged (2 changes)

            ~ buttercup.run (cluster americas, update)
                listeners[IncomingMail].port: 25 → 2525

            ~ losangeles.example.com (cluster americas, update)
                listeners[IncomingMail].port: 25 → 2525

            """)
        await #expect(try fixture.strata(["validate", "--repo", fixture.path, "--rev", "HEAD"]).status == 0)
    }
}
