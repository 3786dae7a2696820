import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
import StrataTestSupport
#endif

/// SIGKILL in the middle of applies: after every restart the state is one whole generation.
///
/// The kill points come from a seeded generator: the seed is printed, and `STRATA_CRASH_SEED=N`
/// replays a failing run; `STRATA_CRASH_KILLS=N` changes the number of kills (at least 100 in CI).
@Suite("Agent crash safety", .serialized)
struct AgentCrashTests {
    static let kills = ProcessInfo.processInfo.environment["STRATA_CRASH_KILLS"].flatMap(Int.init) ?? 100

    @Test func killingTheAgentDuringAppliesNeverLeavesATornGeneration() async throws {
        let sandbox = try AgentSandbox(fastBackend: true)
        var generator = SeededGenerator(environment: "STRATA_CRASH_SEED")
        let seed = generator.seed
        print("AgentCrashTests: \(Self.kills) kills, STRATA_CRASH_SEED=\(seed)")
        var seen = 0
        var agent = try await sandbox.start()
        for iteration in 0..<Self.kills {
            // Fire an apply and kill the agent 0-50 ms later, wherever it is: reading the request,
            // writing the backend file, running the commands, committing the generation. The delay is
            // the kill point itself (drawn from the seeded generator), not a wait for anything.
            let socket = try RawHTTP.connect(port: agent.port)
            let body = Array(Fixtures.apply(
                expected: seen, configuration: Fixtures.configuration(text: "iteration \(iteration)")
            ).rendered().utf8)
            try RawHTTP.write(socket, RawHTTP.request(
                method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: body, headers: []))
            usleep(UInt32.random(in: 0...50_000, using: &generator))
            await agent.crash()
            close(socket)

            agent = try await sandbox.start()
            let store = try StateStore(directory: sandbox.stateDirectory, keep: 5)
            let current = try store.currentNumber()
            #expect(current == seen || current == seen + 1, "STRATA_CRASH_SEED=\(seed), iteration \(iteration): generation \(current) after \(seen)")
            if current > 0 {
                let generation = try #require(
                    try store.load(current), "STRATA_CRASH_SEED=\(seed), iteration \(iteration): generation \(current) has no file")
                #expect(generation.summary.generation == current, "STRATA_CRASH_SEED=\(seed), iteration \(iteration)")
                #expect(generation.summary.configHash == StoredGeneration.configHash(
                    configuration: generation.configuration, secretDigests: generation.secretDigests), "STRATA_CRASH_SEED=\(seed)")
                #expect(generation.secrets == ["env:LDAP_PASSWORD": Fixtures.ldapSecret], "STRATA_CRASH_SEED=\(seed)")
                // The agent put the backend file back to the current generation when it restarted.
                let file = FileManager.default.contents(atPath: sandbox.backendFile)
                let expected = FilesBackendSettings.fileText(
                    configuration: generation.configuration, secrets: generation.secrets, machine: AgentSandbox.machine)
                #expect(file == Data(expected.utf8), "STRATA_CRASH_SEED=\(seed), iteration \(iteration)")
            }
            let reply = try agent.request("GET", AgentAPI.statePath)
            let state = try AgentState(json: try #require(reply.json))
            #expect(state.generation == current, "STRATA_CRASH_SEED=\(seed), iteration \(iteration)")
            #expect(state.current?.configHash == (try store.current())?.summary.configHash, "STRATA_CRASH_SEED=\(seed), iteration \(iteration)")
            seen = current
        }
        // The agent still applies normally afterwards.
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: seen)).status == 200)
        await #expect(agent.terminate().status == 0)
    }
}
