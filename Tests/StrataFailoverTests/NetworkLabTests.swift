// The network-namespace lab itself: it builds and removes everything it creates, never touches the host's
// interfaces, addresses or routes, lets the client reach every relay, and removes the labs of dead test
// processes. Root only: otherwise reported as skipped, with the reason.

import Foundation
import Testing
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Network-namespace lab", .serialized, .needsNetworkLab)
struct NetworkLabTests {
    static func namespaceList() async throws -> [String] {
        try await runProcess(NetworkLab.ipTool, ["netns", "list"]).stdout.split(separator: "\n").compactMap {
            $0.split(separator: " ").first.map(String.init)
        }
    }

    /// The host's links (index and name), IPv4 addresses and routes.
    static func hostSnapshot() async throws -> (links: [String], addresses: [String], routes: String) {
        let links = try await runProcess(NetworkLab.ipTool, ["-o", "link", "show"]).stdout.split(separator: "\n").map {
            $0.split(separator: " ").prefix(2).joined(separator: " ")
        }
        let addresses = try await runProcess(NetworkLab.ipTool, ["-o", "-4", "addr", "show"]).stdout.split(separator: "\n").map {
            $0.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " ")
        }
        return (links, addresses, try await runProcess(NetworkLab.ipTool, ["route", "show", "table", "all"]).stdout)
    }

    @Test func closeRemovesEveryNamespaceTheScratchDirectoryAndTheProcessesLeftInside() async throws {
        let lab = try NetworkLab(relays: 3)
        let names = lab.namespaces
        #expect(names.count == 5)
        await #expect(Set(try Self.namespaceList()).isSuperset(of: names))
        #expect(names.allSatisfy { $0.hasPrefix("strata-\(getpid())-") })
        let sleeper = try lab.start(in: lab.relay("r2").namespace, ["/bin/sleep", "600"])
        try await Wait.until("the sleeper in r2", seconds: 10) { !lab.processes(in: lab.relay("r2").namespace, named: "sleep").isEmpty }
        let closing = ContinuousClock.now
        lab.close()
        // SIGTERM reaches what the lab started (its signal mask is reset), so no SIGKILL round is needed.
        #expect(ContinuousClock.now - closing < .seconds(5))
        await #expect(Set(try Self.namespaceList()).isDisjoint(with: names))
        #expect(!FileManager.default.fileExists(atPath: lab.directory.path))
        try await Wait.until("the sleeper to be stopped", seconds: 10) { !sleeper.process.isRunning }
        lab.close()  // idempotent
    }

    @Test func theHostsInterfacesAddressesAndRoutesAreUntouched() async throws {
        let before = try await Self.hostSnapshot()
        let nonlocalBind = try String(contentsOfFile: "/proc/sys/net/ipv4/ip_nonlocal_bind", encoding: .utf8)
        let lab = try NetworkLab()
        defer { lab.close() }
        let during = try await Self.hostSnapshot()
        #expect(during.links == before.links)
        #expect(during.addresses == before.addresses)
        #expect(during.routes == before.routes)
        #expect(!during.addresses.contains { $0.contains("198.51.100.") })
        // Inside, each relay has its one lab address and its loopback.
        for relay in lab.relays {
            #expect(try lab.addresses(on: relay) == [relay.cidr])
            #expect(try lab.ip(relay.namespace, "-o", "link", "show", "lo").contains("UP"))
            #expect(try lab.run(in: relay.namespace, ["/usr/sbin/sysctl", "-n", "net.ipv4.ip_nonlocal_bind"]).stdout == "1\n")
        }
        #expect(try String(contentsOfFile: "/proc/sys/net/ipv4/ip_nonlocal_bind", encoding: .utf8) == nonlocalBind)
        lab.close()
        let after = try await Self.hostSnapshot()
        #expect(after.links == before.links)
        #expect(after.routes == before.routes)
    }

    @Test func theClientReachesEveryRelayAndTheGreetingsTellThemApart() async throws {
        let lab = try NetworkLab(relays: 2)
        defer { lab.close() }
        // A one-line greeter per relay on its own address and on a virtual address it does not hold
        // (ip_nonlocal_bind), as the Postfix listeners will.
        let greeter = """
            import socket, sys
            sockets = []
            for address in sys.argv[1:3]:
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((address, 25)); s.listen(8); sockets.append(s)
            while True:
                c, _ = sockets[0].accept(); c.sendall(b"220 " + sys.argv[3].encode() + b" ESMTP\\r\\n"); c.close()
            """
        var greeters: [StartedProcess] = []
        for relay in lab.relays {
            greeters.append(try lab.start(in: relay.namespace, ["/usr/bin/python3", "-c", greeter, relay.address, "198.51.100.100", "\(relay.label).greeter.test"]))
        }
        for (relay, process) in zip(lab.relays, greeters) {
            try await lab.waitForAnswer(from: "\(relay.label).greeter.test", at: relay.address, seconds: 30)
            #expect(process.process.isRunning, "\(process.stderrText)")
        }
        #expect(try lab.smtpGreeting(to: "198.51.100.11") == "220 r1.greeter.test ESMTP")
        #expect(try lab.answeringHost("198.51.100.12") == "r2.greeter.test")
        // Nobody holds the virtual address yet: no answer, and the probe gives up within its timeout.
        let started = ContinuousClock.now
        #expect(try lab.smtpGreeting(to: "198.51.100.100", seconds: 2) == nil)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(try lab.holders(of: "198.51.100.100") == [])
    }

    @Test func aLabOfADeadTestProcessIsRemovedWhenTheNextLabIsCreated() async throws {
        // A process id that is certainly dead: a child that has exited and been reaped.
        let child = try await runProcess("/bin/sh", ["-c", "echo $$"])
        let dead = try #require(Int32(child.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        try #require(kill(dead, 0) != 0)
        let stale = "strata-\(dead)-1-sw"
        let staleDirectory = "/tmp/strata-lab-\(dead)-1"
        #expect(try await runProcess(NetworkLab.ipTool, ["netns", "add", stale]).status == 0)
        try FileManager.default.createDirectory(atPath: staleDirectory, withIntermediateDirectories: true)
        // Someone else's namespace with a similar name is never touched.
        let foreign = "strata-keep-\(getpid())"
        #expect(try await runProcess(NetworkLab.ipTool, ["netns", "add", foreign]).status == 0)
        defer { _ = try? runProcessBlocking(NetworkLab.ipTool, ["netns", "delete", foreign]) }

        let lab = try NetworkLab(relays: 1)
        defer { lab.close() }
        let list = try await Self.namespaceList()
        #expect(!list.contains(stale))
        #expect(!FileManager.default.fileExists(atPath: staleDirectory))
        #expect(list.contains(foreign))
        #expect(Set(list).isSuperset(of: lab.namespaces))
    }
}
