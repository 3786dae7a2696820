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

    /// Writes each file's `after` bytes under `root`, making the directories of new files.
    public static func write(_ files: [EditedFile], root: String) throws(Failure) {
        for file in files {
            let path = root + "/" + file.path
            try makeDirectories(for: file.path, under: root)
            do {
                var status = stat()
                let mode = stat(path, &status) == 0 ? UInt32(status.st_mode) & 0o7777 : 0o644
                try AtomicFile.write(file.after, to: path, mode: mode)
            } catch {
                throw Failure(message: "cannot write \(file.path): \(error.message)")
            }
        }
    }

    /// `mkdir -p` of the directories of `path` (relative to `root`).
    private static func makeDirectories(for path: String, under root: String) throws(Failure) {
        var directory = root
        for part in path.split(separator: "/").dropLast() {
            directory += "/" + part
            guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw Failure(message: "cannot create \(directory)") }
        }
    }
}
