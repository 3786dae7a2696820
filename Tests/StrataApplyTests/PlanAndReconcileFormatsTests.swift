import Foundation
import Testing
import StrataModel
import StrataTestSupport

/// `plan --format markdown|github` (a pull-request comment, annotations) and `reconcile --format text|json`,
/// exactly, on a copy of examples/americas with the embedded state store.
@Suite struct PlanAndReconcileFormatsTests {
    static let environment = EmbeddedEndToEndTests.environment

    /// Applied once, then the DNS timeout edited: three machines to update by one change each.
    static func editedRepository() async throws -> ConfigRepo {
        let repo = try ConfigRepo(copying: "americas")
        #expect(try await strata(["apply", "--repo", repo.path, "--yes"], environment: Self.environment).status == 0)
        try repo.replace("clusters/americas/cluster.yaml", "timeout: 5s", with: "timeout: 10s")
        return repo
    }

    @Test func planAsAPullRequestComment() async throws {
        let repo = try await Self.editedRepository()
        let plan = try await strata(["plan", "--repo", repo.path, "--format", "markdown"], environment: Self.environment)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout == Self.expectedMarkdown, "\(plan.stdout)")
    }

    @Test func planAsGitHubAnnotations() async throws {
        let repo = try await Self.editedRepository()
        let plan = try await strata(["plan", "--repo", repo.path, "--format", "github"], environment: Self.environment)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout == Self.expectedGitHub, "\(plan.stdout)")
    }

    @Test func reconcileAsTextAndAsJSONLines() async throws {
        let repo = try ConfigRepo(copying: "americas")
        let commit = try repo.commitAll("first")
        let short = String(commit.prefix(12))
        let text = try await strata(["reconcile", "--once", "--dry-run", "--format", "text", "--repo", repo.path], environment: Self.environment)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout == "commit \(short) first\nplan of \(short): 3 to create, 0 to update, 0 unchanged\n", "\(text.stdout)")
        let json = try await strata(["reconcile", "--once", "--dry-run", "--format", "json", "--repo", repo.path], environment: Self.environment)
        #expect(json.status == 0, "\(json)")
        let lines = json.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == #"{"event":"commit","commit":"\#(commit)","summary":"first"}"#, "\(json.stdout)")
        #expect(lines.count == 2)
    }

    static let expectedMarkdown = """
        ### Strata: plan against the live machines

        **0 machines to create, 3 to update, 0 unchanged (3 changes)**

        | machine | cluster | action | live generation | changes |
        |---|---|---|---|---|
        | `buttercup.run` | americas | update | 1 | 1 |
        | `losangeles.example.com` | americas | update | 1 | 1 |
        | `newyork.example.com` | americas | update | 1 | 1 |

        <details><summary><code>buttercup.run</code> — update, 1 change</summary>

        ```diff
        - dns.timeout: 5s
        + dns.timeout: 10s
        ```

        </details>
        <details><summary><code>losangeles.example.com</code> — update, 1 change</summary>

        ```diff
        - dns.timeout: 5s
        + dns.timeout: 10s
        ```

        </details>
        <details><summary><code>newyork.example.com</code> — update, 1 change</summary>

        ```diff
        - dns.timeout: 5s
        + dns.timeout: 10s
        ```

        </details>

        """

    static let expectedGitHub = """
        ::notice file=clusters/americas/machines/buttercup.run.yaml,title=buttercup.run%3A update%2C 1 change::dns.timeout: 5s → 10s
        ::notice file=clusters/americas/machines/losangeles.example.com.yaml,title=losangeles.example.com%3A update%2C 1 change::dns.timeout: 5s → 10s
        ::notice file=clusters/americas/machines/newyork.example.com.yaml,title=newyork.example.com%3A update%2C 1 change::dns.timeout: 5s → 10s

        """
}
