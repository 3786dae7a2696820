import Foundation
import Testing
import StrataModel
import StrataLoad
import StrataCompile
import StrataTestSupport
import StrataCatalogue
import StrataYAML

/// `strata remove-machine MACHINE --export FILE [--commit]`: flatten-on-remove, recorded in git.
@Suite("Git-native: remove-machine")
struct GitNativeRemoveMachineTests {
    static let losangeles = "clusters/americas/machines/losangeles.example.com.yaml"

    /// The americas example, committed once on main.
    func committedAmericas() throws -> (GitFixture, head: String) {
        let fixture = try GitFixture()
        let head = try fixture.commitAll("Add the americas cluster")
        return (fixture, head)
    }

    /// Every path in a commit's tree.
    func tree(_ fixture: GitFixture, _ revision: String) throws -> [String] {
        try fixture.git("ls-tree", "-r", "--name-only", revision).split(separator: "\n").map(String.init)
    }

    /// The effective settings of a standalone export, compiled in-process, as canonical JSON.
    func standaloneSettings(_ text: String, file: String) throws -> (settings: String, provenance: Set<String>) {
        var diagnostics = Diagnostics()
        let root = YAMLParser.parse(Array(text.utf8), file: file, diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors)
        let result = StandaloneCompiler.compile(DeclaredFile(path: file, root: root, parsed: true))
        #expect(!result.diagnostics.hasErrors)
        let effective = try #require(result.effective)
        let json = JSON.object(effective.features.map { ($0.name, JSON($0.value)) })
        return (try canonicalJSON(text: json.rendered()), Set(effective.features.map(\.provenance.description)))
    }

    @Test func commitRecordsTheExportAndTheRemoval() async throws {
        let (fixture, parent) = try committedAmericas()
        let before = try tree(fixture, "HEAD")
        let export = fixture.url("exports/losangeles.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let head = try fixture.revParse("HEAD")
        #expect(head != parent)
        #expect(result.stdout == """
            removed losangeles.example.com from cluster americas: deleted \(Self.losangeles), standalone export in \(export)
            committed \(try fixture.shortId("HEAD")): Remove losangeles.example.com from cluster americas

            """)

        // One commit on main, on top of the old HEAD.
        #expect(try fixture.git("rev-parse", "--abbrev-ref", "HEAD") == "main\n")
        #expect(try fixture.git("rev-list", "--count", "HEAD") == "2\n")
        #expect(try fixture.git("log", "-1", "--format=%P") == "\(parent)\n")
        #expect(try fixture.git("log", "-1", "--format=%an <%ae>|%cn <%ce>") == "\(GitFixture.identity)|\(GitFixture.identity)\n")
        #expect(try fixture.git("log", "-1", "--format=%B") == """
            Remove losangeles.example.com from cluster americas

            Its flattened configuration (everything it inherited from group usa and the cluster) is kept as a standalone file in exports/losangeles.yaml.


            """)
        // Its tree: the machine file gone, the export added, nothing else touched.
        #expect(try tree(fixture, "HEAD") == (before.filter { $0 != Self.losangeles } + ["exports/losangeles.yaml"]).sorted())
        #expect(try fixture.git("diff", "--name-status", "HEAD~1", "HEAD") == "D\t\(Self.losangeles)\nA\texports/losangeles.yaml\n")
        // The working tree and the index match the new commit.
        #expect(try fixture.status() == "")
        #expect(!fixture.exists(Self.losangeles))
        let exported = try fixture.read("exports/losangeles.yaml")
        #expect(try fixture.git("show", "HEAD:exports/losangeles.yaml") == exported)

        // The export names the commit it was flattened from, and is what `export --rev` gives there.
        #expect(exported.hasPrefix("""
            # Standalone configuration of machine losangeles.example.com, flattened by strata export.
            # Cluster: americas; group: usa; commit: \(parent)
            # Every feature is written at machine mode; check it with `strata validate --standalone FILE`.
            standalone: losangeles.example.com
            serial: 4229D0A1B2C3-LA01
            settings:

            """))
        let exportAtParent = try await fixture.strata(["export", "losangeles.example.com", "--repo", fixture.path, "--rev", "HEAD~1"])
        #expect(exportAtParent.status == 0)
        #expect(exportAtParent.stdout == exported)

        // It validates on its own, and gives the machine exactly the settings it had in the cluster.
        let validate = try await fixture.strata(["validate", "--standalone", export])
        #expect(validate.status == 0)
        #expect(validate.stdout == "valid: standalone machine losangeles.example.com: 0 errors, 0 warnings\n")
        let show = try await fixture.strata(["show", "losangeles.example.com", "--format", "json", "--repo", fixture.path, "--rev", "HEAD~1"])
        #expect(show.status == 0)
        let shown = try jsonObject(show.stdout)
        let standalone = try standaloneSettings(exported, file: export)
        #expect(standalone.settings == (try canonicalJSON(shown["settings"])))
        #expect(standalone.provenance == ["machine:losangeles.example.com"])
        #expect((shown["settings"] as? [String: Any])?.count == Catalogue.features.filter(\.hasDefault).count)

        // The machine is gone from the cluster; the other two are unchanged.
        let diff = try await fixture.strata(["diff", "HEAD~1", "HEAD", "--repo", fixture.path, "--format", "json"])
        let parsed = try DiffJSON(diff.stdout)
        #expect(parsed.machines == ["buttercup.run noop", "losangeles.example.com delete", "newyork.example.com noop"])
        let validateHead = try await fixture.strata(["validate", "--repo", fixture.path])
        #expect(validateHead.stdout == "valid: 1 cluster, 2 groups, 2 machines: 0 errors, 0 warnings\n")
    }

    @Test func commitWithAuthorAndMessage() async throws {
        let (fixture, parent) = try committedAmericas()
        let result = try await fixture.strata([
            "remove-machine", "buttercup.run", "--repo", fixture.path, "--export", fixture.url("retired/buttercup.yaml").path,
            "--commit", "--message", "Retire buttercup\n\nIts lease ended.", "--author", "Jane Operator <jane@example.com>",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let head = try fixture.revParse("HEAD")
        #expect(result.stdout == """
            {
              "machine": "buttercup.run",
              "cluster": "americas",
              "export": "\(fixture.url("retired/buttercup.yaml").path)",
              "removed": "clusters/americas/machines/buttercup.run.yaml",
              "commit": "\(head)"
            }

            """)
        #expect(try fixture.git("log", "-1", "--format=%P") == "\(parent)\n")
        #expect(try fixture.git("log", "-1", "--format=%an <%ae>|%cn <%ce>") == "Jane Operator <jane@example.com>|\(GitFixture.identity)\n")
        #expect(try fixture.git("log", "-1", "--format=%B") == "Retire buttercup\n\nIts lease ended.\n\n")
        #expect(try fixture.git("diff", "--name-status", "HEAD~1", "HEAD") == "D\tclusters/americas/machines/buttercup.run.yaml\nA\tretired/buttercup.yaml\n")
        let exported = try fixture.read("retired/buttercup.yaml")
        #expect(exported.contains("\n# Cluster: americas; group: Main_Group; commit: \(parent)\n"))
        let validate = try await fixture.strata(["validate", "--standalone", fixture.url("retired/buttercup.yaml").path])
        #expect(validate.stdout == "valid: standalone machine buttercup.run: 0 errors, 0 warnings\n")
        let show = try await fixture.strata(["show", "buttercup.run", "--format", "json", "--repo", fixture.path, "--rev", "HEAD~1"])
        #expect(try standaloneSettings(exported, file: "buttercup.yaml").settings == (try canonicalJSON(jsonObject(show.stdout)["settings"])))
    }

    @Test func relativeExportPathIsRelativeToTheCurrentDirectory() async throws {
        let (fixture, parent) = try committedAmericas()
        let result = try await fixture.strata(
            ["remove-machine", "newyork.example.com", "--export", "newyork.yaml", "--commit"],
            directory: fixture.work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try fixture.git("log", "-1", "--format=%P") == "\(parent)\n")
        #expect(try fixture.git("diff", "--name-status", "HEAD~1", "HEAD")
            == "D\tclusters/americas/machines/newyork.example.com.yaml\nA\tnewyork.yaml\n")
        #expect(try fixture.status() == "")
    }

    @Test func refusesWhenAClusterFileHasAnUncommittedValidChange() async throws {
        let (fixture, head) = try committedAmericas()
        try fixture.replace("clusters/americas/groups/usa.yaml", "ntp-us.example.com", with: "ntp-us2.example.com")
        await #expect(try fixture.strata(["validate", "--repo", fixture.path]).status == 0)
        let status = try fixture.status()
        #expect(status == " M clusters/americas/groups/usa.yaml\n")
        let export = fixture.url("exports/losangeles.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            error: the files of cluster americas have uncommitted changes; the commit would not hold just this removal
            help: commit or stash them first (git status clusters/americas)

            """)
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.status() == status)
        #expect(fixture.exists(Self.losangeles))
        #expect(!FileManager.default.fileExists(atPath: export))

        // A staged change and an untracked file in the cluster count too.
        try fixture.git("add", "clusters/americas/groups/usa.yaml")
        let staged = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(staged.status == 1)
        #expect(staged.stderr.hasPrefix("error: the files of cluster americas have uncommitted changes"))
        try fixture.git("reset", "-q", "--hard")
        try fixture.write("clusters/americas/machines/saopaulo.example.com.yaml", DiffHistory.saoPaulo)
        let untracked = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(untracked.status == 1)
        #expect(untracked.stderr.hasPrefix("error: the files of cluster americas have uncommitted changes"))
        #expect(try fixture.revParse("HEAD") == head)
        #expect(fixture.exists(Self.losangeles))
        #expect(!FileManager.default.fileExists(atPath: export))
    }

    @Test func uncommittedChangesOutsideTheClusterStayOutOfTheCommit() async throws {
        let (fixture, parent) = try committedAmericas()
        try fixture.write("README.md", "Mail gateways.\n")
        try fixture.commitAll("Add a README")
        try fixture.write("README.md", "Mail gateways of the Americas.\n")
        try fixture.write("notes.txt", "draft\n")
        let result = try await fixture.strata([
            "remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", fixture.url("exports/la.yaml").path, "--commit",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try fixture.git("rev-list", "--count", "HEAD") == "3\n")
        #expect(try fixture.git("diff", "--name-status", "HEAD~1", "HEAD") == "D\t\(Self.losangeles)\nA\texports/la.yaml\n")
        #expect(try fixture.status() == " M README.md\n?? notes.txt\n")
        #expect(try fixture.read("README.md") == "Mail gateways of the Americas.\n")
        #expect(try fixture.read("exports/la.yaml").contains("; commit: \(try fixture.revParse("HEAD~1"))\n"))
        #expect(try fixture.revParse("HEAD~2") == parent)
    }

    @Test func refusesAnExportOutsideTheRepositoryWithCommit() async throws {
        let (fixture, head) = try committedAmericas()
        let outside = try fixture.scratchDirectory("outside").appendingPathComponent("losangeles.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", outside, "--commit"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            error: with --commit the export must be inside the repository (\(fixture.path)), to be part of the commit
            help: pass --export with a path inside the repository, or leave out --commit

            """)
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.status() == "")
        #expect(fixture.exists(Self.losangeles))
        #expect(!FileManager.default.fileExists(atPath: outside))
    }

    @Test func refusesAnExportInsideClusters() async throws {
        let (fixture, head) = try committedAmericas()
        for commit in [[], ["--commit"]] {
            let export = fixture.url("clusters/losangeles.yaml").path
            let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export] + commit)
            #expect(result.status == 1)
            #expect(result.stderr == "error: the export must not be written inside clusters/, where it would be read as configuration\n")
            #expect(!FileManager.default.fileExists(atPath: export))
        }
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.status() == "")
    }

    @Test func withoutCommitWritesTheExportAndDeletesTheMachineFile() async throws {
        let (fixture, head) = try committedAmericas()
        let export = try fixture.scratchDirectory("exports").appendingPathComponent("losangeles.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == "removed losangeles.example.com from cluster americas: deleted \(Self.losangeles), standalone export in \(export)\n")
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.git("rev-list", "--count", "HEAD") == "1\n")
        #expect(try fixture.status() == " D \(Self.losangeles)\n")
        #expect(!fixture.exists(Self.losangeles))
        let exported = try String(contentsOfFile: export, encoding: .utf8)
        // The files were clean, so the export names HEAD.
        #expect(exported.contains("\n# Cluster: americas; group: usa; commit: \(head)\n"))
        let exportAtHead = try await fixture.strata(["export", "losangeles.example.com", "--repo", fixture.path, "--rev", "HEAD"])
        #expect(exportAtHead.stdout == exported)
        let validate = try await fixture.strata(["validate", "--standalone", export])
        #expect(validate.status == 0)
        #expect(validate.stdout == "valid: standalone machine losangeles.example.com: 0 errors, 0 warnings\n")
        // The working tree no longer has the machine; HEAD still does.
        let diff = try await fixture.strata(["diff", "HEAD", "--repo", fixture.path, "--detailed-exitcode", "--format", "json"])
        #expect(diff.status == 2)
        #expect(try DiffJSON(diff.stdout).machines == ["buttercup.run noop", "losangeles.example.com delete", "newyork.example.com noop"])

        // --message and --author only go with --commit.
        let misuse = try await fixture.strata(["remove-machine", "newyork.example.com", "--repo", fixture.path, "--export", export, "--message", "x"])
        #expect(misuse.status != 0)
        #expect(misuse.stderr.contains("--message and --author go with --commit"))
        #expect(fixture.exists("clusters/americas/machines/newyork.example.com.yaml"))
    }

    @Test func refusesToCommitOnADetachedHead() async throws {
        let (fixture, head) = try committedAmericas()
        try fixture.git("checkout", "-q", "--detach")
        let export = fixture.url("exports/losangeles.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: HEAD is detached; check out a branch before committing\n")
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.revParse("main") == head)
        #expect(try fixture.status() == "")
        #expect(fixture.exists(Self.losangeles))
        #expect(!FileManager.default.fileExists(atPath: export))
    }

    @Test func unknownMachineChangesNothing() async throws {
        let (fixture, head) = try committedAmericas()
        let export = fixture.url("exports/x.yaml").path
        let result = try await fixture.strata(["remove-machine", "losangeles.example.org", "--repo", fixture.path, "--export", export, "--commit"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: no machine named 'losangeles.example.org' in the working tree; did you mean 'losangeles.example.com'?\n")
        #expect(try fixture.revParse("HEAD") == head)
        #expect(try fixture.status() == "")
    }

    /// git takes the identity from GIT_AUTHOR_NAME/EMAIL and GIT_COMMITTER_NAME/EMAIL when no configuration sets it
    /// (CI runners commonly do this); `remove-machine --commit` reads git configuration only.
    @Test func identityFromTheEnvironmentOnly() async throws {
        let fixture = try GitFixture(identityInConfiguration: false)
        let head = try fixture.commitAll("Add the americas cluster")
        #expect(try fixture.git("log", "-1", "--format=%an <%ae>") == "\(GitFixture.identity)\n")
        let result = try await fixture.strata([
            "remove-machine", "losangeles.example.com", "--repo", fixture.path, "--export", fixture.url("la.yaml").path, "--commit",
        ])
        let lastAuthor = try fixture.git("log", "-1", "--format=%an <%ae>|%s")
        // Like git, the identity comes from GIT_AUTHOR_*/GIT_COMMITTER_* when configuration has none.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lastAuthor == "\(GitFixture.identity)|Remove losangeles.example.com from cluster americas\n")
        #expect(try fixture.revParse("HEAD~1") == head)
        // With --author it commits.
        let withAuthor = try await fixture.strata([
            "remove-machine", "buttercup.run", "--repo", fixture.path, "--export", fixture.url("buttercup.yaml").path, "--commit",
            "--author", GitFixture.identity,
        ])
        #expect(withAuthor.status == 0, "\(withAuthor.stderr)")
        #expect(try fixture.git("log", "-1", "--format=%an <%ae>|%cn <%ce>") == "\(GitFixture.identity)|\(GitFixture.identity)\n")
    }
}
