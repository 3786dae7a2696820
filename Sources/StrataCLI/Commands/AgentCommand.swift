import ArgumentParser
import Foundation
import Logging
import StrataAgent
import StrataModel

/// `strata agent`: run the node agent of one machine.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run the node agent that serves one machine's state and applies its configuration.",
        discussion: """
            Serves the /v1 HTTP+JSON API described in Docs/agent-api.md (HTTPS when agent.yaml names a \
            certificate and key) until SIGTERM or SIGINT, then finishes the requests in flight and exits 0. \
            Logs go to standard error, one line per request and per apply.
            """)

    @Option(name: .long, help: ArgumentHelp("The agent's configuration file.", valueName: "agent.yaml"))
    var config: String

    @Flag(name: .long, help: "Check the configuration file and exit.")
    var check = false

    func run() async throws {
        let configuration = try Self.load(config)
        if check {
            Console().out("\(config): valid agent configuration for \(configuration.machine)\n")
            return
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "strata-agent")
        logger.logLevel = level
        do {
            try await AgentServer(configuration: configuration, logger: logger).run()
        } catch {
            throw CommandFailure(error.description, help: Self.help(for: error))
        }
    }

    /// Reads agent.yaml; its problems are printed like `validate`'s and end the command.
    static func load(_ path: String) throws -> AgentConfiguration {
        let loaded: (AgentConfiguration?, Diagnostics)
        do {
            loaded = try AgentConfiguration.load(path: path)
        } catch {
            throw CommandFailure(error.description)
        }
        let (configuration, diagnostics) = loaded
        if !diagnostics.all.isEmpty {
            let lines = (try? String(contentsOfFile: path, encoding: .utf8)).map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            let view = DiagnosticView(diagnostics: diagnostics.sorted, lines: { _ in lines })
            Console().err(view.text(style: Style(enabled: Console().colorStderr)))
        }
        guard let configuration else {
            throw CommandFailure("'\(path)' is not a valid agent configuration", help: "see Docs/agent-api.md for the format")
        }
        return configuration
    }

    private static func help(for error: AgentError) -> String? {
        switch error.code {
        case .token: "set the token's environment variable or create its file; the agent refuses to run without one"
        case .tls: "check that tls.certificate and tls.key are readable PEM files that belong together"
        case .server: "check that the address in 'listen' is this machine's and the port is free"
        default: nil
        }
    }
}
