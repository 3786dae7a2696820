import Foundation
import Testing
@testable import StrataAgent
import StrataModel
import StrataState
#if canImport(Glibc)
import Glibc
#endif

/// The `postfix` backend's pipeline in process, against a real scratch Postfix instance on loopback, with
/// a stand-in renderer (the agent half is tested whatever the renderer renders). Needs root and Postfix.
@Suite("Postfix backend pipeline", .serialized, .enabled(if: PostfixLab.available, PostfixLab.skipReason))
struct PostfixBackendPipelineTests {
    final class Instance {
        let root = "/tmp/spfb-" + UUID().uuidString.prefix(8).lowercased()
        let backend: PostfixBackend
        var pipeline: BackendPipeline { BackendPipeline(backends: [backend]) }

        init() {
            let settings = PostfixBackendSettings(
                configDirectory: root + "/etc", queueDirectory: root + "/queue", dataDirectory: root + "/data",
                maillogFile: root + "/maillog", timeoutSeconds: 20)
            var backend = PostfixBackend(
                settings: settings, runner: CommandRunner(timeoutSeconds: 20), machine: "newyork.example.com", keep: 3)
            backend.renderer = PostfixStubRenderer.render
            self.backend = backend
        }

        func stop() {
            backend.instance.stop()
            try? FileManager.default.removeItem(atPath: root)
        }

        func generation(_ number: Int, _ configuration: JSON) -> StoredGeneration {
            StoredGeneration(
                summary: GenerationSummary(generation: number, configHash: "hash\(number)", appliedCommit: nil, appliedAt: "now", appliedBy: nil),
                configuration: configuration, secrets: [:])
        }

        var log: String { (try? String(contentsOfFile: root + "/maillog", encoding: .utf8)) ?? "" }
    }

    func timed<T>(_ label: String, _ body: () -> T) -> T {
        let start = ContinuousClock.now
        let result = body()
        FileHandle.standardError.write(Data("postfix pipeline: \(label) took \(ContinuousClock.now - start)\n".utf8))
        return result
    }

    func send(port: Int, marker: String, to recipient: String = "alice@example.com", client: String = "127.0.0.1") async throws -> LabResult {
        try await runProgram([
            "swaks", "--server", "127.0.0.1", "--port", String(port), "--local-interface", client, "--from", "s@example.org",
            "--to", recipient, "--header", "Subject: \(marker)", "--timeout", "20",
        ])
    }

    @Test func applyReloadRestartRollbackAndRefusalOnARealInstance() async throws {
        let lab = Instance()
        let sink = try PostfixSMTPSink()
        let squatter = try PostfixPortSquatter()
        defer {
            lab.stop()
            sink.stop()
            squatter.stop()
        }
        let route = "127.0.0.1:\(sink.port)"
        let first = try PostfixLab.freePort(on: "127.0.0.1")
        let gen1 = lab.generation(1, PostfixStubRenderer.configuration(port: first, route: route))
        let start = ContinuousClock.now
        let installed = timed("first apply (start)") { lab.pipeline.install(gen1, previous: nil) }
        guard case .installed(let warnings) = installed else { Issue.record("\(installed)\n\(lab.log)"); return }
        #expect(warnings.map(\.path) == ["listeners[IncomingMail].footer"])
        await #expect(try send(port: first, marker: "gen1").status == 0)
        await #expect(sink.waitForMessage(containing: "gen1") != nil, "\(lab.log)")
        FileHandle.standardError.write(Data("postfix pipeline: apply to first delivered message took \(ContinuousClock.now - start)\n".utf8))
        // The HAT and the RAT of the rendered tables are in force.
        await #expect(try send(port: first, marker: "x", client: "127.0.0.3").output.contains("Client host rejected"))
        await #expect(try send(port: first, marker: "x", to: "bob@example.net").output.contains("554 5.7.1"))

        // A listener change reloads; an inet_interfaces change stops and starts.
        let second = try PostfixLab.freePort(on: "127.0.0.1")
        let gen2 = lab.generation(2, PostfixStubRenderer.configuration(port: second, route: route))
        guard case .installed = timed("reload apply", { lab.pipeline.install(gen2, previous: gen1) }) else { Issue.record("\(lab.log)"); return }
        #expect(lab.log.contains("reload -- version"))
        let gen3 = lab.generation(3, PostfixStubRenderer.configuration(port: second, route: route, interfaces: ["loopback-only"]))
        guard case .installed = timed("stop+start apply", { lab.pipeline.install(gen3, previous: gen2) }) else { Issue.record("\(lab.log)"); return }
        #expect(lab.log.contains("stopping the Postfix mail system"))
        #expect(lab.backend.holds(gen3))

        // A port another program holds: the reload kills master; generation 3 comes back with stop+start.
        let gen4 = lab.generation(4, PostfixStubRenderer.configuration(port: squatter.port, route: route, interfaces: ["loopback-only"]))
        let failed = timed("failed apply with rollback") { lab.pipeline.install(gen4, previous: gen3) }
        guard case .failed(let failure, let restore) = failed else { Issue.record("installed a port that is taken"); return }
        #expect(failure.code == .healthFailed, "\(failure)")
        #expect(failure.message.contains("generation 4"), "\(failure.message)")
        #expect(restore?.failure == nil, "\(String(describing: restore))")
        #expect(restore?.summary == "generation 3 restored: the instance was stopped and started on it and serves mail (every listener answers)")
        #expect(lab.backend.holds(gen3))
        await #expect(try send(port: second, marker: "after-rollback").status == 0)
        await #expect(sink.waitForMessage(containing: "after-rollback") != nil)

        // An address not on this host: postfix check refuses it before the switch.
        let gen5 = lab.generation(5, PostfixStubRenderer.configuration(address: "192.0.2.77", port: second, route: route))
        guard case .failed(let refusal, let none) = lab.pipeline.install(gen5, previous: gen3) else { Issue.record("installed"); return }
        #expect(refusal.code == .invalidConfiguration)
        #expect(refusal.message.contains("listeners[IncomingMail].interface"), "\(refusal.message)")
        #expect(none == nil)
        #expect(lab.backend.holds(gen3))
    }

    @Test func driftNamesTheFileAndParameterAndTheQueueIsReported() throws {
        let lab = Instance()
        let sink = try PostfixSMTPSink()
        defer {
            lab.stop()
            sink.stop()
        }
        let gen1 = lab.generation(1, PostfixStubRenderer.configuration(port: try PostfixLab.freePort(on: "127.0.0.1"), route: "127.0.0.1:\(sink.port)"))
        guard case .installed = lab.pipeline.install(gen1, previous: nil) else { Issue.record("\(lab.log)"); return }
        let clean = lab.backend.report(current: gen1)
        #expect(clean.drift == [])
        #expect(clean.queue == QueueHealth(active: 0, deferred: 0, hold: 0, incoming: 0, oldestSeconds: nil))

        let main = lab.backend.settings.configDirectory + "/main.cf"
        var text = try String(contentsOfFile: main, encoding: .utf8)
        text = text.replacingOccurrences(of: "mynetworks = 127.0.0.1/32", with: "mynetworks = 127.0.0.0/8")
        try (text + "smtpd_banner = hand edited\n").write(toFile: main, atomically: false, encoding: .utf8)
        try "example.com discard:\n".write(toFile: lab.backend.settings.configDirectory + "/tables/transport", atomically: false, encoding: .utf8)
        #expect(lab.backend.report(current: gen1).drift?.map(\.summary) == [
            "main.cf: mynetworks changed by hand: '127.0.0.0/8', rendered '127.0.0.1/32'",
            "main.cf: smtpd_banner added by hand: 'hand edited'",
            "tables/transport changed by hand",
        ])
    }
}
