import Foundation
import StrataTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A thousand idle client connections held by a helper process, not by the test runner: with more than
/// 1,024 descriptors open in the runner, Foundation's `Process.run()` in a concurrently running test was
/// seen to crash (a memmove past its buffer). The helper raises its own file limit, connects, says so,
/// and holds the connections until it is killed (at most 300 s: it stops by itself).
final class ConnectionHolder: @unchecked Sendable {
    private let run: StartedProcess

    private static let script = """
        import resource, socket, sys, time
        count, port = int(sys.argv[1]), int(sys.argv[2])
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, count + 64), hard), hard))
        held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(count)]
        print("open", len(held), flush=True)
        time.sleep(300)
        """

    /// Opens `count` connections to the agent on `port`; returns once all are open.
    init(count: Int, port: Int) async throws {
        run = try StartedProcess("/usr/bin/env", ["python3", "-c", Self.script, String(count), String(port)])
        try await Wait.until("\(count) connections to port \(port)", seconds: 120) { [run] in
            if run.stdoutText.contains("open \(count)") { return true }
            guard run.process.isRunning else { throw FixtureError("the connection holder exited: \(run.stderrText)") }
            return false
        }
    }

    /// Closes every connection at once (the helper is killed) and waits until it is gone.
    func close() async {
        if run.process.isRunning { kill(run.process.processIdentifier, SIGKILL) }
        _ = await run.finish()
    }
}
