#if canImport(Glibc)
import Glibc
#endif
import StrataFuzzing

/// The target named by the first argument (`strata-fuzz yaml …`), read once.
let selectedTarget = CommandLine.arguments.dropFirst().first.flatMap(FuzzTarget.init(rawValue:))

/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selectedTarget?.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

#if STRATA_FUZZING
typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback) -> CInt
#endif

/// `strata-fuzz TARGET …` (TARGET: yaml, request, answer). Built by `make fuzz` (STRATA_FUZZING) it is
/// libFuzzer's driver and takes libFuzzer's options; otherwise it replays inputs and writes seed corpora.
@main
enum FuzzMain {
    static func main() {
        guard let target = selectedTarget else {
            let usage = Array("usage: strata-fuzz yaml|request|answer (libFuzzer options | seeds EXAMPLES OUT | FILE...)\n".utf8)
            _ = usage.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            exit(1)
        }
        #if STRATA_FUZZING
        // libFuzzer sees the program name and its own options, not the target word.
        var arguments = CommandLine.arguments
        arguments.remove(at: 1)
        var pointers = arguments.map { strdup($0) } + [nil]
        var count = CInt(arguments.count)
        let status = pointers.withUnsafeMutableBufferPointer { buffer in
            var base = buffer.baseAddress!
            return runFuzzerDriver(&count, &base, fuzzOneInput)
        }
        exit(status)
        #else
        exit(FuzzReplay.main(target, arguments: Array(CommandLine.arguments.dropFirst())))
        #endif
    }
}
