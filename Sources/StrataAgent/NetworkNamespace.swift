#if canImport(Glibc)
import Glibc
#endif

/// Sockets inside a named network namespace (agent.yaml's `netns:`), for the probes of a backend whose
/// services run there: the calling thread enters the namespace (`setns`), creates the socket and returns
/// to its own namespace at once; the socket stays in the namespace it was created in.
enum NetworkNamespace {
    /// `CLONE_NEWNET` (linux/sched.h), which Glibc's module does not export.
    static let newNet: Int32 = 0x4000_0000

    typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32

    /// glibc's setns(2), found at run time: Swift's Glibc module does not declare it (it needs _GNU_SOURCE).
    static let setns: SetNamespace? = {
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "setns") else { return nil }
        return unsafeBitCast(symbol, to: SetNamespace.self)
    }()

    /// A socket of `family` and `type`, inside `name` when given; -1 with `errno` set on failure.
    static func socket(family: Int32, type: Int32, in name: String?) -> Int32 {
        guard let name else { return Glibc.socket(family, type, 0) }
        guard let setns else {
            errno = ENOSYS
            return -1
        }
        let own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard own >= 0 else { return -1 }
        defer { close(own) }
        let target = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { return -1 }
        defer { close(target) }
        guard setns(target, newNet) == 0 else { return -1 }
        let descriptor = Glibc.socket(family, type, 0)
        let saved = errno
        // Returning cannot fail for a namespace this thread just left; if it did, the thread would stay in
        // the wrong namespace, so that is fatal rather than silently wrong.
        guard setns(own, newNet) == 0 else { fatalError("cannot return to the agent's network namespace") }
        errno = saved
        return descriptor
    }
}
