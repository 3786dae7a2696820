import Testing
@testable import StrataCLI
import StrataModel
import StrataPlan

/// `plan --format markdown|github` for machines that could not be planned: exact text.
@Suite struct PlanReviewViewTests {
    static func plan() -> Plan {
        let cluster = PlannedCluster(
            cluster: ClusterName("c"), connection: .agents(AgentAccess(tls: .off, token: nil, caFile: nil, port: 7443)),
            requiredVersion: "2", commit: nil)
        func machine(_ name: String, _ problem: AgentCallError?, notes: [String] = []) -> PlannedMachine {
            PlannedMachine(
                cluster: ClusterName("c"), machine: MachineName(name), endpoint: .agent(url: "http://127.0.0.1:1"),
                action: problem == nil ? .update : .unknown, reachable: problem == nil, version: nil,
                liveGeneration: problem == nil ? 3 : nil, problem: problem,
                changes: problem == nil ? [ConfigChange(path: "dns.timeout", before: .duration(5), after: .duration(10))] : [],
                notes: notes, configuration: nil, configHash: nil, secretReferences: [])
        }
        return Plan(createdAt: "2030-01-01T00:00:00Z", clusters: [cluster], machines: [
            machine("a", AgentCallError(.unreachable, "cannot connect to a", cause: "connection refused")),
            machine("b", AgentCallError(.versionMismatch, "b runs version 1, but the cluster requires 2")),
            machine("d", nil, notes: ["secret env:X (ldap.password) is not available here; applying needs it"]),
        ])
    }

    @Test func markdownNamesEveryProblemAndNote() {
        #expect(PlanView(plan: Self.plan()).markdown() == """
            ### Strata: plan against the live machines

            **0 machines to create, 1 to update, 0 unchanged (1 change), 1 unreachable, 1 with errors**

            | machine | cluster | action | live generation | changes |
            |---|---|---|---|---|
            | `a` | c | unknown | — | 0 |
            | `b` | c | unknown | — | 0 |
            | `d` | c | update | 3 | 1 |

            **`a`**: `unreachable` cannot connect to a: connection refused

            **`b`**: `version-mismatch` b runs version 1, but the cluster requires 2

            <details><summary><code>d</code> — update, 1 change</summary>

            ```diff
            - dns.timeout: 5s
            + dns.timeout: 10s
            ```

            </details>
            > note (`d`): secret env:X (ldap.password) is not available here; applying needs it


            """)
    }

    @Test func githubWarnsForUnreachableAndErrsForBlocking() {
        #expect(PlanView(plan: Self.plan(), pathPrefix: "ops/").github() == """
            ::warning file=ops/clusters/c/machines/a.yaml,title=a%3A unreachable::cannot connect to a: connection refused
            ::error file=ops/clusters/c/machines/b.yaml,title=b%3A version-mismatch::b runs version 1, but the cluster requires 2
            ::notice file=ops/clusters/c/machines/d.yaml,title=d%3A update%2C 1 change::dns.timeout: 5s → 10s%0Anote: secret env:X (ldap.password) is not available here; applying needs it

            """)
    }
}
