import Foundation
import StrataLoad
import StrataYAML
import StrataCatalogue

/// Reading and writing the files a command names on its command line.
enum FileIO {
    /// The bytes of a file, refusing one over the YAML size limit.
    static func readFile(_ path: String, limit: Int = YAMLLimits.standard.maxFileBytes) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path)
        // stat follows links: a link to a FIFO or a device is refused like the FIFO itself, never opened
        // (reading a FIFO would block until something writes to it).
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw CommandFailure("'\(path)' is not a regular file (a directory, FIFO, socket or device)")
            }
            if Int(info.st_size) > limit {
                throw CommandFailure("'\(path)' is \(info.st_size) bytes, over the limit of \(limit) bytes")
            }
        }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw CommandFailure("cannot read '\(path)': \(error.localizedDescription)")
        }
    }

    /// Writes a file atomically (temporary file, then rename), so readers never see half of it.
    static func writeFile(_ path: String, contents: String) throws {
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
