#if canImport(Glibc)
import Glibc
#endif
import StrataFuzzing

/// The fuzz executables' own commands when they are built without libFuzzer:
/// `seeds EXAMPLES OUT` writes the seed corpus, and `FILE...` runs each input once (a crash reproducer).
enum FuzzReplay {
    /// Runs the command line; returns the exit status.
    static func main(_ target: FuzzTarget, arguments: [String]) -> Int32 {
        let arguments = Array(arguments.dropFirst())
        if arguments.first == "seeds", arguments.count == 3 {
            return writeSeeds(target, examples: arguments[1], into: arguments[2])
        }
        guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("-") }) else {
            printError("usage: strata-fuzz \(target.rawValue) seeds EXAMPLES OUT | FILE...\n"
                    + "(built with `make fuzz` this binary is a libFuzzer fuzzer and takes libFuzzer's options)\n")
            return 1
        }
        for path in arguments {
            guard let bytes = readFile(path) else {
                printError("error: cannot read '\(path)'\n")
                return 1
            }
            bytes.withUnsafeBytes { target.run($0) }
            print("ran \(path) (\(bytes.count) bytes)")
        }
        return 0
    }

    private static func writeSeeds(_ target: FuzzTarget, examples: String, into directory: String) -> Int32 {
        let seeds: [(name: String, bytes: [UInt8])]
        do {
            seeds = try FuzzSeeds.make(target, examples: examples)
        } catch {
            printError("error: \(error)\n")
            return 1
        }
        mkdir(directory, 0o755)
        for seed in seeds {
            let path = "\(directory)/\(seed.name)"
            guard let file = fopen(path, "wb") else {
                printError("error: cannot write '\(path)'\n")
                return 1
            }
            _ = seed.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
        print("\(seeds.count) seeds for \(target.rawValue) in \(directory)")
        return 0
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// Writes to standard error (file descriptor 2) without touching C's shared `stderr` stream.
    private static func printError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
