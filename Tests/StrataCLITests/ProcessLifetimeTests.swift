import Testing
@testable import StrataCLI

/// `prepareProcess` decides from the raw arguments, before anything is parsed, whether the command runs once
/// (one-shot heap policy) or for long; it must name exactly the agent and reconcile commands.
@Suite("Process lifetime")
struct ProcessLifetimeTests {
    @Test func theArgumentsNameTheLongRunningCommandsAsParsingDoes() throws {
        let subcommands = StrataCommand.configuration.subcommands
        #expect(subcommands.count == 19)
        for subcommand in subcommands {
            let long = subcommand == AgentCommand.self || subcommand == ReconcileCommand.self
            #expect(StrataCommand.runsForLong(["strata", subcommand._commandName]) == long, "\(subcommand._commandName)")
        }
        #expect(StrataCommand.runsForLong(["strata", "agent", "--config", "agent.yaml"]))
        #expect(StrataCommand.runsForLong(["strata", "reconcile", "--once"]))
        #expect(!StrataCommand.runsForLong(["strata"]))
        #expect(!StrataCommand.runsForLong(["strata", "validate", "agent"]))
        #expect(!StrataCommand.runsForLong(["strata", "help", "agent"]))
    }
}
