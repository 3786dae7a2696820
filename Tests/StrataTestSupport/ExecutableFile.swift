#if canImport(Glibc)
import Glibc
#endif

/// Writes a script a test's agent will run, mode 0755, through a descriptor opened with O_CLOEXEC and
/// then renamed into place. Foundation's own writes leave their descriptor inheritable: a process another
/// test spawns at that moment keeps the file open for writing, and every later exec of the script fails
/// with "Text file busy" for as long as that process lives (seen with tests running concurrently).
public func writeExecutable(_ text: String, to path: String) throws {
    let temporary = path + ".tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw FixtureError("cannot create \(temporary): errno \(errno)") }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written > 0 else {
            close(descriptor)
            throw FixtureError("cannot write \(temporary): errno \(errno)")
        }
        bytes = bytes.dropFirst(written)
    }
    close(descriptor)
    guard rename(temporary, path) == 0 else { throw FixtureError("cannot rename \(temporary) to \(path): errno \(errno)") }
}
