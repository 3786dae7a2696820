import Foundation
import Testing
import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in the middle of applies: after every restart the state is one whole generation.
///
/// The kill points come from a seeded generator: the seed is printed, and `STRATA_CRASH_SEED=N`
/// replays a failing run; `STRATA_CRASH_KILLS=N` changes the number of kills (at least 100 in CI).
@Suite("Agent crash safety", .serialized)
struct AgentCrashTests {
    static let kills = ProcessInfo.processInfo.environment["STRATA_CRASH_KILLS"].flatMap(Int.init) ?? 100

    @Test func killingTheAgentDuringAppliesNeverLeavesATornGeneration() throws {
        let sandbox = try AgentSandbox(fastBackend: true)
        let seed = ProcessInfo.processInfo.environment["STRATA_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        print("AgentCrashTests: \(Self.kills) kills, STRATA_CRASH_SEED=\(seed)")
        var generator = SeededGenerator(seed: seed)
        var seen = 0
        var agent = try sandbox.start()
        for iteration in 0..<Self.kills {
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
            #expect(current == seen || current == seen + 1, "seed \(seed), iteration \(iteration): generation \(current) after \(seen)")
            if current > 0 {
                let generation = try #require(try store.load(current), "seed \(seed), iteration \(iteration): generation \(current) has no file")
                #expect(generation.summary.generation == current)
                #expect(generation.summary.configHash == StoredGeneration.configHash(
                    configuration: generation.configuration, secretDigests: generation.secretDigests))
                #expect(generation.secrets == ["env:LDAP_PASSWORD": Fixtures.ldapSecret])
                // The agent put the backend file back to the current generation when it restarted.
                let file = FileManager.default.contents(atPath: sandbox.backendFile)
                let expected = FilesBackendSettings.fileText(
                    configuration: generation.configuration, secrets: generation.secrets, machine: AgentSandbox.machine)
                #expect(file == Data(expected.utf8), "seed \(seed), iteration \(iteration)")
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

/// SplitMix64: a small seeded generator, so a failing sequence of kill points can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
