import Foundation
import Testing
import StrataAgent
import StrataModel

/// agent.yaml's backend union: `backend:` or `backends: [...]`, each decoded by its `type`.
@Suite("Agent backend configuration")
struct PostfixBackendConfigurationTests {
    let head = """
        listen: 127.0.0.1:0
        machine: newyork.example.com
        version: "15.5.1"
        state_dir: /var/lib/strata
        token: {env: STRATA_AGENT_TOKEN}

        """

    func parse(_ yaml: String) -> (AgentConfiguration?, [String]) {
        let (configuration, diagnostics) = AgentConfiguration.parse(Array((head + yaml).utf8), file: "agent.yaml", baseDirectory: "/etc/strata")
        return (configuration, diagnostics.all.map { "\($0.location.line):\($0.location.column): \($0.code.rawValue) \($0.message)" })
    }

    @Test func aPostfixBackendTakesPostfixDefaultsAndALogInTheStateDirectory() throws {
        let (configuration, messages) = parse("backend: {type: postfix, config_directory: /etc/postfix-out}\n")
        #expect(messages.isEmpty, "\(messages)")
        let backends = try #require(configuration?.backends)
        #expect(backends == [.postfix(PostfixBackendSettings(
            configDirectory: "/etc/postfix-out", queueDirectory: nil, dataDirectory: nil, maillogFile: "/var/lib/strata/postfix/maillog"))])
    }

    @Test func backendsListsSeveralAppliedAsOneGeneration() throws {
        let (configuration, messages) = parse("""
            backends:
              - {type: files, path: out.json, apply: ["./reload"]}
              - {type: postfix, config_directory: pf, queue_directory: q, data_directory: d, maillog_file: log/mail, timeout: 5s}

            """)
        #expect(messages.isEmpty, "\(messages)")
        #expect(configuration?.backends == [
            .files(FilesBackendSettings(path: "/etc/strata/out.json", apply: ["/etc/strata/reload"], health: nil)),
            .postfix(PostfixBackendSettings(
                configDirectory: "/etc/strata/pf", queueDirectory: "/etc/strata/q", dataDirectory: "/etc/strata/d",
                maillogFile: "/etc/strata/log/mail", timeoutSeconds: 5)),
        ])
    }

    @Test func anUnknownTypeAMissingBackendAndUnknownFieldsAreDiagnostics() {
        #expect(parse("backend: {type: sendmail, path: x}\n").1 == ["6:17: E106 'agent.backend.type' is 'sendmail', not one of: files, postfix, keepalived"])
        #expect(parse("log_level: info\n").1 == ["1:1: E105 'agent' is missing the required field 'backend'"])
        #expect(parse("backend: {type: postfix, config_directory: x, path: y}\n").1
            == ["6:47: E103 unknown field 'path' in 'agent.backend'"])
        #expect(parse("backends: []\n").1 == ["6:11: E102 'agent.backends' must be a list of one or more backends"])
        let twice = parse("backends: [{type: postfix, config_directory: a}, {type: postfix, config_directory: b}]\n")
        #expect(twice.0 == nil)
        #expect(twice.1 == ["1:1: E106 an agent drives at most one postfix backend"])
    }
}
