import Glibc
import StrataState

/// Writes an edit's files, each atomically (temporary file, fsync, rename): an interrupted edit leaves
/// every file whole, old or new.
public enum EditWriter {
    /// A file could not be written; the files before it in the list were.
    public struct Failure: Error, Sendable {
        /// The path, and what went wrong.
        public let message: String
    }

    /// Writes each file's `after` bytes under `root`.
    public static func write(_ files: [EditedFile], root: String) throws(Failure) {
        for file in files {
            do {
                let path = root + "/" + file.path
                var status = stat()
                let mode = stat(path, &status) == 0 ? UInt32(status.st_mode) & 0o7777 : 0o644
                try AtomicFile.write(file.after, to: path, mode: mode)
            } catch {
                throw Failure(message: "cannot write \(file.path): \(error.message)")
            }
        }
    }
}
