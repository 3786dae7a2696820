import StrataCLI

/// The executable's entry point; everything lives in StrataCLI.
@main
enum StrataMain {
    static func main() async {
        await StrataCommand.runMain()
    }
}
