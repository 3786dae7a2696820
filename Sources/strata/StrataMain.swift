import StrataCLI

/// The executable's entry point; everything lives in StrataCLI.
@main
enum StrataMain {
    static func main() async {
        // Before any other thread allocates: the heap policy of a one-shot command reaches every thread's heap.
        StrataCommand.prepareProcess()
        await StrataCommand.runMain()
    }
}
