import Testing
@testable import StrataPlan
import StrataApply
import StrataModel
import StrataCompile
import StrataLoad
import StrataTestSupport

/// Agent URLs, TLS modes and warnings derived from a cluster's `agents:` block.
@Suite("Agent addresses")
struct ClusterTargetsTests {
    static func url(_ override: String?, tls: AgentTLS, machine: String = "newyork.example.com") -> (String, AgentCallError?) {
        ClusterTargets.agentURL(override, machine: MachineName(machine), agents: AgentSettings(port: 7443, tls: tls))
    }

    @Test func theURLIsDerivedFromTheMachineNameAndPort() {
        #expect(Self.url(nil, tls: .enforce).0 == "https://newyork.example.com:7443")
        #expect(Self.url(nil, tls: .off).0 == "http://newyork.example.com:7443")
        #expect(Self.url(nil, tls: .permissive, machine: "2001:db8::1").0 == "https://[2001:db8::1]:7443")
        #expect(Self.url("https://10.1.0.10", tls: .enforce).0 == "https://10.1.0.10:7443")
        #expect(Self.url("https://10.1.0.10:9000/", tls: .enforce).0 == "https://10.1.0.10:9000")
    }

    @Test func aSchemeThatContradictsTheTLSModeIsAProblem() {
        let (_, problem) = Self.url("http://10.1.0.10:7443", tls: .enforce)
        #expect(problem?.code == .configuration)
        #expect(problem?.message == "the agent URL http://10.1.0.10:7443 of newyork.example.com uses http:// but agents.tls is enforce")
        #expect(Self.url("https://10.1.0.10:7443", tls: .off).1?.code == .configuration)
        #expect(Self.url("not a url", tls: .off).1?.code == .configuration)
    }

    @Test(arguments: [("127.0.0.1", true), ("127.3.2.1", true), ("localhost", true), ("[::1]", true), ("10.0.0.1", false), ("mx.example.com", false)])
    func loopbackAddresses(host: String, loopback: Bool) {
        #expect(ClusterTargets.isLoopback(host) == loopback)
    }

    @Test func plainHTTPBeyondLoopbackIsWarnedAboutWithoutConnecting() throws {
        let repo = try ConfigRepo()
        try LabCluster.write(
            into: repo, machines: [("mx1.lab.test", "http://192.0.2.1:7443"), ("mx2.lab.test", "http://127.0.0.1:7443")],
            agents: "{tls: off, token: {env: LAB_AGENT_TOKEN}}")
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: repo.path)).load(diagnostics: &diagnostics)
        let cluster = try #require(Compiler.compile(declarations).clusters.first)
        let targets = ClusterTargets(cluster, repositoryRoot: repo.path)
        #expect(targets.warnings == [
            "mx1.lab.test: the agent at http://192.0.2.1:7443 is reached over plain HTTP (agents.tls: off); "
                + "the token and secrets cross the network unencrypted",
        ].map { "lab/" + $0 })
        #expect(targets.machines.map(\.address) == ["http://192.0.2.1:7443", "http://127.0.0.1:7443"])
        #expect(targets.connection == .agents(AgentAccess(tls: .off, token: SecretReference(source: .env, name: "LAB_AGENT_TOKEN"), caFile: nil, port: 7443)))
    }

    @Test func aClusterWithoutAgentsKeepsItsStateInTheRepository() throws {
        let repo = try ConfigRepo()
        try LabCluster.write(into: repo, machines: [("mx1.lab.test", nil)], agents: nil)
        var diagnostics = Diagnostics()
        let declarations = try RepositoryLoader(source: WorkingTreeSource(root: repo.path)).load(diagnostics: &diagnostics)
        let cluster = try #require(Compiler.compile(declarations).clusters.first)
        let targets = ClusterTargets(cluster, repositoryRoot: repo.path)
        #expect(targets.connection == .embedded(directory: repo.path + "/.strata/state/lab", version: "15.5.1"))
        #expect(targets.machines.first?.endpoint == .embedded(directory: repo.path + "/.strata/state/lab/mx1.lab.test"))
    }
}
