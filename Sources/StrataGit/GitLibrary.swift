import CLibGit2

/// Process-level control of libgit2's global state.
public enum GitLibrary {
    /// Keeps libgit2 initialised while `body` runs; for long-running processes making many git calls.
    ///
    /// Every operation of this module initialises and shuts down libgit2 itself, which is all a
    /// command-line run needs. libgit2 1.5 frees a thread's error state only on the thread whose
    /// shutdown drops its reference count to zero: when operations overlap on several threads, the
    /// other threads' state (a few hundred bytes each) is lost. An agent or reconcile loop should
    /// hold one session for its lifetime; the state is then kept per thread and freed at thread exit.
    public static func withSession<T, E: Error>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        let initialised = git_libgit2_init() >= 0
        defer { if initialised { git_libgit2_shutdown() } }
        return try await body()
    }

    /// Initialises libgit2 and never shuts it down: for a command that runs once and exits. Each operation's own
    /// initialisation then only counts a reference, and libgit2's global set-up (with the mbedTLS backend it
    /// reads the system's TLS certificates, about 8 ms here) runs once instead of once per operation.
    public static func initialiseUntilExit() {
        _ = git_libgit2_init()
    }
}
