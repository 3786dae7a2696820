#if canImport(Glibc)
import Glibc
#endif

/// Runs an operator's command: an argv array (no shell), standard input from /dev/null, standard
/// output and error captured together, a time limit after which the command's process group is killed.
///
/// It blocks the calling thread, so callers run it on a thread pool, never on the concurrency pool.
struct CommandRunner: Sendable {
    /// How long a command may run.
    var timeoutSeconds: Int
    /// Environment variables removed from the command's environment (the agent's token variable).
    var hiddenVariables: Set<String> = []
    /// At most this much output is kept (the end of it).
    var keptOutputBytes = 64 << 10
    /// A network namespace (agent.yaml's `netns:`): every command runs through `ip netns exec NAME`.
    var namespace: String?

    /// Runs `argv` with `extraEnvironment` added to the agent's environment. `input` is the file its
    /// standard input reads; with `terminal`, its output goes to a pseudo-terminal, for programs that
    /// only explain themselves on a terminal (`postfix check`).
    func run(
        _ argv: [String], extraEnvironment: [String: String] = [:], input: String = "/dev/null", terminal: Bool = false
    ) -> CommandOutcome {
        let start = ContinuousClock.now
        var outcome = CommandOutcome(argv: argv)
        guard !argv.isEmpty else {
            outcome.failure = "no command given"
            return outcome
        }
        // The outcome keeps the operator's argv; only the spawned one carries the namespace prefix.
        let argv = namespace.map { ["ip", "netns", "exec", $0] + argv } ?? argv
        let program = argv[0]
        var pipeEnds: [Int32] = [-1, -1]
        guard (terminal ? Self.openTerminal(&pipeEnds) : pipe(&pipeEnds)) == 0 else {
            outcome.failure = "cannot create a pipe: " + String(cString: strerror(errno))
            return outcome
        }
        // Neither end may leak into other programs; the child gets the write end as 1 and 2 through dup2.
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a timeout kills what it started too; default signal handling and
        // an empty mask, because the agent itself ignores SIGTERM to handle it as a graceful shutdown.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = argv.map { strdup($0) } + [nil]
        let environment = self.environment(adding: extraEnvironment).map { strdup($0) } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, arguments, environment)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard spawned == 0 else {
            outcome.failure = "cannot run '\(program)': " + String(cString: strerror(spawned))
            return outcome
        }
        collect(from: pipeEnds[0], pid: pid, start: start, into: &outcome)
        outcome.seconds = Self.seconds(since: start)
        return outcome
    }

    /// Reads output until the command exits (or closes its output and exits), or the time is up.
    private func collect(from descriptor: Int32, pid: pid_t, start: ContinuousClock.Instant, into outcome: inout CommandOutcome) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let deadline = start.advanced(by: .seconds(timeoutSeconds))
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var open = true
        var status: Int32 = 0
        var exited = false
        while true {
            if open {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, 50)
                open = drain(descriptor, buffer: &buffer, into: &outcome)
            } else {
                usleep(10_000)
            }
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid {
                exited = true
                _ = drain(descriptor, buffer: &buffer, into: &outcome)
                break
            }
            if ContinuousClock.now >= deadline {
                outcome.timedOut = true
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                _ = drain(descriptor, buffer: &buffer, into: &outcome)
                break
            }
        }
        guard exited else { return }
        let signal = status & 0x7F
        if signal == 0 {
            outcome.exitStatus = (status >> 8) & 0xFF
        } else {
            outcome.signal = signal
        }
    }

    /// A pseudo-terminal as a pair like pipe(2)'s: [0] the side the agent reads, [1] the terminal the child writes.
    private static func openTerminal(_ ends: inout [Int32]) -> Int32 {
        guard let calls = PseudoTerminalCalls.shared else { return -1 }
        let primary = calls.open(O_RDWR | O_NOCTTY)
        guard primary >= 0 else { return -1 }
        var name = [CChar](repeating: 0, count: 128)
        guard calls.grant(primary) == 0, calls.unlock(primary) == 0, calls.name(primary, &name, name.count) == 0 else {
            close(primary)
            return -1
        }
        let secondary = open(name, O_RDWR | O_NOCTTY)
        guard secondary >= 0 else {
            close(primary)
            return -1
        }
        // No echo and no CR/LF translation: the output arrives as the program wrote it.
        var settings = termios()
        if tcgetattr(secondary, &settings) == 0 {
            cfmakeraw(&settings)
            _ = tcsetattr(secondary, TCSANOW, &settings)
        }
        ends = [primary, secondary]
        return 0
    }

    /// Reads what is available; false at end of file (a pseudo-terminal says EIO once the child is gone).
    private func drain(_ descriptor: Int32, buffer: inout [UInt8], into outcome: inout CommandOutcome) -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                outcome.output.append(contentsOf: buffer[0..<count])
                if outcome.output.count > keptOutputBytes { outcome.output.removeFirst(outcome.output.count - keptOutputBytes) }
                continue
            }
            if count == 0 { return false }
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
        }
    }

    private func environment(adding extra: [String: String]) -> [String] {
        var entries: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            let name = String(text.prefix { $0 != "=" })
            if !hiddenVariables.contains(name) && extra[name] == nil { entries.append(text) }
            pointer += 1
        }
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) { entries.append("\(name)=\(value)") }
        return entries
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// How a command ended, and what it printed.
struct CommandOutcome: Sendable {
    /// The command.
    var argv: [String]
    /// The exit status, when it exited.
    var exitStatus: Int32?
    /// The signal that ended it, when one did.
    var signal: Int32?
    /// Whether it was killed for running too long.
    var timedOut = false
    /// Why it could not be started.
    var failure: String?
    /// Standard output and error, interleaved, at most the kept tail.
    var output: [UInt8] = []
    /// Wall-clock duration.
    var seconds = 0.0

    init(argv: [String]) { self.argv = argv }

    /// Exited with status 0.
    var succeeded: Bool { exitStatus == 0 && !timedOut && failure == nil }

    /// `exited with status 3`, `killed by signal 9`, `timed out after 30s`, `cannot run ...`.
    var summary: String {
        if let failure { return failure }
        if timedOut { return "timed out" }
        if let signal { return "killed by signal \(signal)" }
        return "exited with status \(exitStatus ?? -1)"
    }

    /// The last lines of the output (at most `lines` lines and `bytes` bytes), as text.
    func tail(lines: Int = 20, bytes: Int = 4_096) -> String {
        var slice = output.suffix(bytes)
        var newlines = 0
        var index = slice.endIndex
        // A trailing newline does not count as a line.
        if let last = slice.last, last == 10 { index -= 1 }
        while index > slice.startIndex {
            if slice[index - 1] == 10 {
                newlines += 1
                if newlines == lines { break }
            }
            index -= 1
        }
        slice = slice[index...]
        return String(decoding: slice, as: UTF8.self)
    }
}
