// A real Postfix instance, as root, from rendered files in a scratch directory on loopback: the
// listener's HAT and RAT answer as AsyncOS would (including an accept row that must stop before a
// later relay row), mail follows smtp_routes through the destination-control transport to an SMTP
// sink, and a global_unsubscribe address is discarded. Skipped, saying why, when not root or when
// Postfix or python3 is missing. (The agent's end-to-end tests cover apply, reload and roll back.)

import Foundation
import Testing
import StrataTestSupport
import StrataModel
import StrataPostfix

@Suite("A real Postfix instance serves the rendered files")
struct PostfixLiveInstanceTests {
    static let postfix = "/usr/sbin/postfix"
    static let python = "/usr/bin/python3"
    static let usable = getuid() == 0 && FileManager.default.isExecutableFile(atPath: postfix)
        && FileManager.default.isExecutableFile(atPath: python)
    static let scripts = PostfixTestSupport.packageRoot.appendingPathComponent("Tests/StrataPostfixTests/Scripts").path

    static func configuration(listenerPort: Int, sinkPort: Int) throws -> JSON {
        try JSONParser.parse("""
            {"hostname": "live.example.test",
             "interfaces": [{"name": "Lo", "address": "127.0.0.2/8"}],
             "listeners": [{"name": "In", "interface": "Lo", "port": \(listenerPort), "max_connections": 10,
               "hat": [{"match": "127.0.0.5", "policy": "accept"}, {"match": "relayhost.example.invalid", "policy": "relay"},
                       {"match": "127.0.0.3", "policy": "reject"}, {"match": "127.0.0.4/32", "policy": "relay"},
                       {"match": "ALL", "policy": "accept"}],
               "rat": [{"recipient": "example.com", "action": "accept"}, {"recipient": "ALL", "action": "reject"}]}],
             "smtp_routes": [{"domain": "example.com", "destinations": ["127.0.0.1:\(sinkPort)"]}],
             "destination_controls": [{"destination": "default", "max_connections": 5, "max_messages_per_connection": 10, "tls": "off"}],
             "global_unsubscribe": ["gone@example.com"]}
            """)
    }

    /// Polls `condition` every 50 ms, at most `seconds`; true once it holds.
    static func waitFor(seconds: Double, _ condition: () -> Bool) async -> Bool {
        (try? await Wait.until("the condition", seconds: seconds, interval: 0.05, condition)) != nil
    }

    static func freePort() async throws -> Int {
        let result = try await runProgram(python, ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.2', 0)); print(s.getsockname()[1])"])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test("HAT, RAT, routes and unsubscribe behave as configured", .enabled(if: usable, "needs root, Postfix and python3"))
    func servesMail() async throws {
        let root = try PostfixTestSupport.scratch("live")
        let sink = Process()
        defer {
            // SIGKILL: a child of a test thread may have SIGTERM blocked.
            if sink.isRunning { kill(sink.processIdentifier, SIGKILL) }
            // Clean-up cannot await: Postfix stops in well under a second.
            _ = try? runProcessBlocking(Self.postfix, ["-c", root.appendingPathComponent("etc").path, "stop"])
            try? FileManager.default.removeItem(at: root)
        }
        let portFile = root.appendingPathComponent("sink.port").path
        let sinkLog = root.appendingPathComponent("sink.log").path
        sink.executableURL = URL(fileURLWithPath: Self.python)
        sink.arguments = ["\(Self.scripts)/smtp_sink.py", portFile, sinkLog]
        try sink.run()
        try await #require(Self.waitFor(seconds: 10) { FileManager.default.fileExists(atPath: portFile) }, "the sink did not start")
        let sinkPort = Int((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "") ?? 0
        let port = try await Self.freePort()

        let (_, etc) = try PostfixToolValidationTests.write(
            try Self.configuration(listenerPort: port, sinkPort: sinkPort), machine: "live.example.test", root: root)
        for directory in ["queue", "data"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        _ = try await runProgram("/bin/chown", ["postfix", root.appendingPathComponent("data").path])
        let start = try await runProgram(Self.postfix, ["-c", etc, "start"])
        try #require(start.status == 0, "postfix start failed; log: \((try? String(contentsOfFile: root.appendingPathComponent("maillog").path, encoding: .utf8)) ?? "")")

        let probe = "\(Self.scripts)/smtp_probe.py"
        let answers = try await runProgram(Self.python, [probe, "127.0.0.2", String(port),
            "127.0.0.5 a@example.com", "127.0.0.5 a@other.example", "127.0.0.3 a@example.com",
            "127.0.0.4 a@other.example", "127.0.0.7 a@example.com", "127.0.0.7 a@other.example"])
        #expect(answers.stderr.isEmpty, "\(answers.stderr)")
        #expect(answers.stdout == """
            127.0.0.5 a@example.com 250
            127.0.0.5 a@other.example 554
            127.0.0.3 a@example.com 554
            127.0.0.4 a@other.example 250
            127.0.0.7 a@example.com 250
            127.0.0.7 a@other.example 554

            """)

        let sent = try await runProgram(Self.python, [probe, "127.0.0.2", String(port), "send 127.0.0.7 a@example.com,gone@example.com"])
        #expect(sent.stdout == "sent 0\n", "\(sent.stderr)")
        let maillog = root.appendingPathComponent("maillog").path
        let delivered = await Self.waitFor(seconds: 30) {
            ((try? String(contentsOfFile: sinkLog, encoding: .utf8)) ?? "").contains("RCPT TO:<a@example.com>")
        }
        #expect(delivered, "the sink got no RCPT for a@example.com; maillog:\n\(((try? String(contentsOfFile: maillog, encoding: .utf8)) ?? "").suffix(3_000))")
        let discarded = await Self.waitFor(seconds: 30) {
            ((try? String(contentsOfFile: maillog, encoding: .utf8)) ?? "").contains("to=<gone@example.com>, relay=none")
        }
        #expect(discarded, "gone@example.com was not discarded")
        // The sink sees the RCPT before Postfix logs the delivery: wait for the log line, not the sink.
        let logged = await Self.waitFor(seconds: 30) {
            ((try? String(contentsOfFile: maillog, encoding: .utf8)) ?? "").contains("postfix/dc_default/smtp")
        }
        let log = (try? String(contentsOfFile: maillog, encoding: .utf8)) ?? ""
        #expect(logged, "no delivery through the destination-control transport was logged")
        #expect(log.contains("postfix/dc_default/smtp"), "delivery did not use the destination-control transport")
        #expect(!log.contains("warning: access table"), "smtpd warned about an access table")
        #expect(!log.contains("4.3.5"))
    }
}
