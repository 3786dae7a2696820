import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataTestSupport

/// agent.yaml for failover: `type: keepalived` with its defaults under the state directory, `netns:` on
/// every backend kind, and the top-level `interfaces:` map; every problem names its key and line.
@Suite("Agent keepalived, netns and interfaces configuration")
struct KeepalivedConfigurationTests {
    let head = """
        listen: 127.0.0.1:0
        machine: relay1.example.com
        version: "15.5.1"
        state_dir: /var/lib/strata

        """

    func parse(_ yaml: String) -> (AgentConfiguration?, [String]) {
        let text = head + "token: {env: STRATA_AGENT_TOKEN}\n" + yaml
        let (configuration, diagnostics) = AgentConfiguration.parse(Array(text.utf8), file: "agent.yaml", baseDirectory: "/etc/strata")
        return (configuration, diagnostics.all.map { "\($0.location.line):\($0.location.column): \($0.code.rawValue) \($0.message)" })
    }

    @Test func aKeepalivedBackendTakesItsDefaultsUnderTheStateDirectory() throws {
        let (configuration, messages) = parse("backend: {type: keepalived}\n")
        #expect(messages.isEmpty, "\(messages)")
        #expect(configuration?.backends == [.keepalived(KeepalivedBackendSettings(
            configFile: "/etc/keepalived/strata.conf", program: "/usr/sbin/keepalived", pidFile: "/var/lib/strata/keepalived/keepalived.pid",
            vrrpPidFile: "/var/lib/strata/keepalived/vrrp.pid", stateFile: "/var/lib/strata/keepalived/state"))])
        #expect(configuration?.interfaces == [:])
    }

    @Test func aRelayInANamespaceWithPostfixAndKeepalived() throws {
        let (configuration, messages) = parse("""
            interfaces: {Data1: veth-r1, Management: lo}
            backends:
              - {type: postfix, config_directory: pf, netns: relay1}
              - type: keepalived
                config_file: ka/keepalived.conf
                pid_file: ka/keepalived.pid
                vrrp_pid_file: ka/vrrp.pid
                state_file: ka/state
                program: keepalived
                netns: relay1
                timeout: 10s

            """)
        #expect(messages.isEmpty, "\(messages)")
        #expect(configuration?.interfaces == ["Data1": "veth-r1", "Management": "lo"])
        #expect(configuration?.backends == [
            .postfix(PostfixBackendSettings(
                configDirectory: "/etc/strata/pf", queueDirectory: nil, dataDirectory: nil, maillogFile: "/var/lib/strata/postfix/maillog",
                netns: "relay1")),
            .keepalived(KeepalivedBackendSettings(
                configFile: "/etc/strata/ka/keepalived.conf", program: "keepalived", pidFile: "/etc/strata/ka/keepalived.pid",
                vrrpPidFile: "/etc/strata/ka/vrrp.pid", stateFile: "/etc/strata/ka/state", netns: "relay1", timeoutSeconds: 10)),
        ])
        #expect(configuration?.backends.map(\.netns) == ["relay1", "relay1"])
    }

    @Test func aFilesBackendMayRunInANamespace() {
        let (configuration, messages) = parse(#"backend: {type: files, path: out.json, apply: ["true"], netns: lab}"# + "\n")
        #expect(messages.isEmpty, "\(messages)")
        #expect(configuration?.backends.first?.netns == "lab")
    }

    @Test func badInterfacesMapsAreDiagnosticsAtTheirLine() {
        #expect(parse("interfaces: [eth0]\nbackend: {type: keepalived}\n").1
            == ["6:13: E102 'agent.interfaces' must be a map of Strata interface names to devices"])
        #expect(parse("interfaces:\n  Data1: eth0\n  Data2: a-name-longer-than-15\nbackend: {type: keepalived}\n").1
            == ["8:10: E106 'agent.interfaces.Data2' must be a device name (1-15 characters, no '/', ':' or spaces)"])
        #expect(parse("interfaces: {Data1: 12}\nbackend: {type: keepalived}\n").1
            == ["6:21: E106 'agent.interfaces.Data1' must be a device name (1-15 characters, no '/', ':' or spaces)"])
    }

    @Test func keepalivedFieldsAreCheckedLikeEveryBackend() {
        #expect(parse("backend: {type: keepalived, config_directory: x}\n").1 == ["6:29: E103 unknown field 'config_directory' in 'agent.backend'"])
        let twice = parse("backends: [{type: keepalived}, {type: keepalived}]\n")
        #expect(twice.0 == nil)
        #expect(twice.1 == ["1:1: E106 an agent drives at most one keepalived backend"])
    }
}

@Suite("examples/agent/relay-failover.yaml")
struct RelayFailoverExampleTests {
    @Test func theNamespaceRelayExampleLoads() throws {
        let path = TestPaths.packageRoot.appendingPathComponent("examples/agent/relay-failover.yaml").path
        // The token is read while loading: a file beside a copy stands in for the environment variable.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("strata-relay-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("example-token\n".utf8).write(to: scratch.appendingPathComponent("token"))
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "{env: STRATA_AGENT_TOKEN}", with: "{file: token}")
        try Data(text.utf8).write(to: scratch.appendingPathComponent("agent.yaml"))
        let (configuration, diagnostics) = try AgentConfiguration.load(path: scratch.appendingPathComponent("agent.yaml").path)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all.map(\.message))")
        #expect(configuration?.interfaces == ["Data1": "veth-r1"])
        #expect(configuration?.backends.map(\.kind) == ["postfix", "keepalived"])
        #expect(configuration?.backends.map(\.netns) == ["relay1", "relay1"])
    }
}
