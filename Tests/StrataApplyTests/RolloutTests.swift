import Foundation
import Logging
import Testing
import StrataApply
import StrataPlan
import StrataCompile
import StrataLoad
import StrataModel
import StrataState
import StrataTestSupport

/// The library's plan and rollout against embedded agents (real state stores in a temporary repository).
@Suite("Plan and rollout (library)")
struct RolloutTests {
    static let logger = Logger(label: "strata.tests") { _ in SwiftLogNoOpLogHandler() }

    /// A lab cluster of `count` machines with embedded state, compiled.
    static func compiled(_ repo: ConfigRepo, count: Int) throws -> CompiledCluster {
        try LabCluster.write(into: repo, machines: (1...count).map { ("mx\($0).lab.test", nil) }, agents: nil)
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: repo.path)).load(diagnostics: &diagnostics)
        let result = Compiler.compile(declarations)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.sorted)")
        return try #require(result.clusters.first)
    }

    static func plan(_ cluster: CompiledCluster, _ targets: ClusterTargets, secrets: SecretResolver) async throws -> Plan {
        try await AgentConnections.with([targets], options: ConnectionOptions(), secrets: secrets, logger: logger) { connections in
            let live = await LiveStateReader.fetch(targets.machines, using: connections, parallel: 2)
            return Planner.plan(clusters: [targets], desired: cluster.effective, live: live, commits: [:], secrets: secrets, createdAt: "now")
        }
    }

    @Test(arguments: [1, 3])
    func aFailureStopsTheRolloutAndLeavesLaterMachinesUntouched(parallel: Int) async throws {
        let repo = try ConfigRepo()
        let cluster = try Self.compiled(repo, count: 6)
        let targets = ClusterTargets(cluster, repositoryRoot: repo.path)
        let secrets = SecretResolver(environment: LabCluster.environment(), baseDirectory: repo.path)
        let plan = try await Self.plan(cluster, targets, secrets: secrets)
        #expect(plan.summary.create == 6)
        // mx2 moves on after the plan: its apply is a conflict.
        try OutOfBand.change(repo.store("lab", "mx2.lab.test"), by: "other@controller") { _ in .object([]) }
        var events: [String] = []
        let report = try await AgentConnections.with([targets], options: ConnectionOptions(), secrets: secrets, logger: Self.logger) { connections in
            await Rollout.run(plan, using: connections, secrets: secrets, options: .init(parallel: parallel, appliedBy: "tests@lab")) { event in
                switch event {
                case .started(let machine): events.append("start \(machine.machine)")
                case .finished(let result): events.append("end \(result.machine.machine)")
                }
            }
        }
        #expect(report.stopped)
        #expect(report.failed)
        let outcomes = Dictionary(uniqueKeysWithValues: report.results.map { ($0.machine.machine.rawValue, $0.outcome) })
        if case .failed(let error)? = outcomes["mx2.lab.test"] {
            #expect(error.code == .conflict)
            #expect(error.state?.generation == 1)
        } else {
            Issue.record("mx2 did not fail: \(String(describing: outcomes["mx2.lab.test"]))")
        }
        if case .applied(let state)? = outcomes["mx1.lab.test"] { #expect(state.generation == 1) } else { Issue.record("mx1 not applied") }
        // Nothing starts once the failure is known; what was never started is untouched.
        let failureSeen = try #require(events.firstIndex(of: "end mx2.lab.test"))
        #expect(!events[failureSeen...].contains { $0.hasPrefix("start") }, "\(events)")
        for (machine, outcome) in outcomes {
            if case .notAttempted = outcome { #expect(try repo.generation("lab", machine) == 0) }
        }
        if parallel == 1 {
            #expect(events == ["start mx1.lab.test", "end mx1.lab.test", "start mx2.lab.test", "end mx2.lab.test"])
            for index in 3...6 {
                if case .notAttempted? = outcomes["mx\(index).lab.test"] {} else { Issue.record("mx\(index) was attempted") }
            }
        }
        #expect(try repo.generation("lab", "mx2.lab.test") == 1)
        #expect(try repo.store("lab", "mx2.lab.test").current()?.summary.appliedBy == "other@controller")
    }

    @Test func theAppliedGenerationRecordsCommitAuthorAndHash() async throws {
        let repo = try ConfigRepo()
        let cluster = try Self.compiled(repo, count: 2)
        let targets = ClusterTargets(cluster, repositoryRoot: repo.path)
        let secrets = SecretResolver(environment: LabCluster.environment(secret: "v1"), baseDirectory: repo.path)
        var plan = try await Self.plan(cluster, targets, secrets: secrets)
        plan.clusters[0].commit = "0123456789abcdef0123456789abcdef01234567"
        let report = try await AgentConnections.with([targets], options: ConnectionOptions(), secrets: secrets, logger: Self.logger) { connections in
            await Rollout.run(plan, using: connections, secrets: secrets, options: .init(appliedBy: "ops@host")) { _ in }
        }
        #expect(!report.failed)
        let current = try #require(try repo.store("lab", "mx1.lab.test").current())
        #expect(current.summary.appliedCommit == "0123456789abcdef0123456789abcdef01234567")
        #expect(current.summary.appliedBy == "ops@host")
        #expect(current.summary.configHash == plan.machines[0].configHash)
        #expect(current.secrets == ["env:LAB_LDAP_PASSWORD": "v1"])
    }

    @Test func aVersionOtherThanRequiredBlocksTheWholePlan() async throws {
        let repo = try ConfigRepo()
        let cluster = try Self.compiled(repo, count: 2)
        var targets = ClusterTargets(cluster, repositoryRoot: repo.path)
        targets.connection = .embedded(directory: repo.path + "/.strata/state/lab", version: "15.4.0")
        let secrets = SecretResolver(environment: LabCluster.environment(), baseDirectory: repo.path)
        let plan = try await Self.plan(cluster, targets, secrets: secrets)
        #expect(plan.blockingProblems.count == 2)
        #expect(plan.machines[0].problem?.code == .versionMismatch)
        #expect(plan.machines[0].problem?.message == "mx1.lab.test runs version 15.4.0, but the cluster requires 15.5.1")
        let report = try await AgentConnections.with([targets], options: ConnectionOptions(), secrets: secrets, logger: Self.logger) { connections in
            await Rollout.run(plan, using: connections, secrets: secrets, options: .init(appliedBy: nil)) { _ in }
        }
        #expect(report.counts.applied == 0)
        #expect(!repo.hasState("lab", "mx1.lab.test"))
    }
}
