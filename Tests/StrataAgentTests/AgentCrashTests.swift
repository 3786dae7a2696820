import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in the middle of applies: after every restart the state is one whole generation.
@Suite("Agent crash safety", .serialized)
struct AgentCrashTests {
    @Test func killingTheAgentDuringAppliesNeverLeavesATornGeneration() throws {
        let sandbox = try AgentSandbox(fastBackend: true)
        var generator = SystemRandomNumberGenerator()
        var seen = 0
        var agent = try sandbox.start()
        for iteration in 0..<25 {
            // Fire an apply and kill the agent 0-50 ms later, wherever it is: reading the request,
            // writing the backend file, running the commands, committing the generation.
            let socket = try RawHTTP.connect(port: agent.port)
            let body = Array(Fixtures.apply(
                expected: seen, configuration: Fixtures.configuration(text: "iteration \(iteration)")
            ).rendered().utf8)
            try RawHTTP.write(socket, RawHTTP.request(
                method: "POST", path: AgentAPI.applyPath, token: AgentSandbox.token, body: body, headers: []))
            usleep(UInt32.random(in: 0...50_000, using: &generator))
            agent.crash()
            close(socket)

            agent = try sandbox.start()
            let store = try StateStore(directory: sandbox.stateDirectory, keep: 5)
            let current = try store.currentNumber()
            #expect(current == seen || current == seen + 1, "iteration \(iteration): generation \(current) after \(seen)")
            if current > 0 {
                let generation = try #require(try store.load(current), "iteration \(iteration): generation \(current) has no file")
                #expect(generation.summary.generation == current)
                #expect(generation.summary.configHash == StoredGeneration.configHash(
                    configuration: generation.configuration, secretDigests: generation.secretDigests))
                #expect(generation.secrets == ["env:LDAP_PASSWORD": Fixtures.ldapSecret])
                // The agent put the backend file back to the current generation when it restarted.
                let file = FileManager.default.contents(atPath: sandbox.backendFile)
                let expected = FilesBackendSettings.fileText(
                    configuration: generation.configuration, secrets: generation.secrets, machine: AgentSandbox.machine)
                #expect(file == Data(expected.utf8), "iteration \(iteration)")
            }
            let reply = try agent.request("GET", AgentAPI.statePath)
            let state = try AgentState(json: try #require(reply.json))
            #expect(state.generation == current)
            #expect(state.current?.configHash == (try store.current())?.summary.configHash)
            seen = current
        }
        // The agent still applies normally afterwards.
        #expect(try agent.request("POST", AgentAPI.applyPath, json: Fixtures.apply(expected: seen)).status == 200)
        #expect(agent.terminate().status == 0)
    }
}
