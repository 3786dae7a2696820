import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT turned into a request to stop: a rollout (or the reconcile loop) reads it between machines
/// and stops there, never in the middle of one. A second signal ends the process the default way.
enum StopSignal {
    /// Written only by the signal handler (an atomic store is async-signal-safe), read between machines.
    private static let requested = Atomic<Bool>(false)

    /// Installs the handlers for SIGTERM and SIGINT.
    static func install() {
        for number in [SIGTERM, SIGINT] {
            _ = signal(number) { received in
                StopSignal.requested.store(true, ordering: .relaxed)
                _ = signal(received, SIG_DFL)
            }
        }
    }

    /// Whether a stop was asked for since the handlers were installed.
    static var isRequested: Bool { requested.load(ordering: .relaxed) }
}
