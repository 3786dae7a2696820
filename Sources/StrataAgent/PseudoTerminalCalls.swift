#if canImport(Glibc)
import Glibc
#endif

/// glibc's pseudo-terminal calls (posix_openpt, grantpt, unlockpt, ptsname_r), found at run time:
/// Swift's Glibc module does not declare them (they need _XOPEN_SOURCE), and ioctl is variadic.
struct PseudoTerminalCalls: Sendable {
    typealias Open = @convention(c) (Int32) -> Int32
    typealias Operation = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    let open: Open
    let grant: Operation
    let unlock: Operation
    let name: Name

    /// Nil when the C library lacks them.
    static let shared: PseudoTerminalCalls? = {
        guard let library = dlopen(nil, RTLD_NOW), let open = dlsym(library, "posix_openpt"), let grant = dlsym(library, "grantpt"),
              let unlock = dlsym(library, "unlockpt"), let name = dlsym(library, "ptsname_r") else { return nil }
        return PseudoTerminalCalls(
            open: unsafeBitCast(open, to: Open.self), grant: unsafeBitCast(grant, to: Operation.self),
            unlock: unsafeBitCast(unlock, to: Operation.self), name: unsafeBitCast(name, to: Name.self))
    }()
}
