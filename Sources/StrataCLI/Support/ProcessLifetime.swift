import Foundation
import CMalloc
import StrataGit

/// How a command that runs once and exits treats memory: it never gives back what the process is about
/// to lose anyway.
///
/// Freeing a compiled fleet value by value costs as much as a tenth of `validate` on 2,000 machines, and
/// glibc growing its heaps 128 KiB at a time costs more system time than the reading does; both are
/// work for nothing when the process ends a moment later. `strata agent` and `strata reconcile` run
/// for days, so they keep the default behaviour (``oneShot`` stays false for them).
///
/// The heap policy must be set before the worker threads start: glibc gives each thread its own heap
/// (an arena), sized by `M_TOP_PAD` when the thread first allocates, and grows it afterwards one
/// `mprotect` at a time (each one interrupting the other cores to flush their address translations).
/// Set later, the padding reached only the main thread's heap; set first, `validate` takes 2,600 fewer
/// system calls at the reference size and about a tenth less time at 2,000 machines.
enum ProcessLifetime {
    private final class Kept: @unchecked Sendable {
        let lock = NSLock()
        var oneShot = false
        var gitInitialised = false
        var values: [Any] = []
    }

    private static let kept = Kept()

    /// Declares this process a one-shot command: the allocator grows its heaps in large steps and keeps
    /// large blocks in the heap, and ``keepUntilExit(_:)`` starts keeping values. Called first thing, on the
    /// main thread, before any other thread has allocated.
    static func beginOneShot() {
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        kept.lock.withLock { kept.oneShot = true }
    }

    /// Takes ``beginOneShot()`` back for a command that turned out to run for long: glibc's default
    /// padding and mapping threshold again, nothing kept. Does nothing when it was not begun.
    static func endOneShot() {
        let begun = kept.lock.withLock {
            defer { kept.oneShot = false; kept.values = [] }
            return kept.oneShot
        }
        guard begun else { return }
        _ = mallopt(M_TOP_PAD, 128 << 10)
        _ = mallopt(M_MMAP_THRESHOLD, 128 << 10)
    }

    /// In a one-shot command, sets libgit2 up for the rest of the process (the first call only): every git
    /// operation then reuses that set-up instead of repeating it (it reads the system's TLS certificates,
    /// about 8 ms each time). Does nothing in `agent` and `reconcile`, which hold their own session.
    static func initialiseGitOnce() {
        kept.lock.withLock {
            guard kept.oneShot, !kept.gitInitialised else { return }
            kept.gitInitialised = true
            GitLibrary.initialiseUntilExit()
        }
    }

    /// Keeps `value` alive until the process exits when this is a one-shot command, so it is never taken
    /// apart; otherwise does nothing and the value is freed as usual.
    static func keepUntilExit(_ value: Any) {
        kept.lock.withLock {
            if kept.oneShot { kept.values.append(value) }
        }
    }
}
